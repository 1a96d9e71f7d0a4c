// Public surface of the transformation grammar: parse, format, canonical key, named expansion, support
// check and the option table. Consumers import from here, never from the files behind it.

export type * from './types.ts';
export { parseChainString, parseTransformation } from './parse.ts';
export { formatChain, canonicalChain } from './format.ts';
export { expandNamed } from './named.ts';
export { findUnsupported, describeOptions, formatOptionsTable, type Unsupported, type OptionDescription } from './support.ts';
export { OPTIONS, REMOVED_OVERLAY_KEYS, LAYER_TYPES, optionByKey, optionByField, type Media, type ImageStatus, type OptionSpec, type OptionKey } from './options.ts';
export { parseExpr, evaluateExpr, formatExpr, isPlainNumber, EXPR_VARIABLES, type ExprVariables } from './expression.ts';
export { parseColor, formatColor, NAMED_COLORS } from './color.ts';
export { parseCondition, formatCondition } from './condition.ts';
export type { Codec } from './validators.ts';
