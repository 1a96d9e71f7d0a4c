// Conditions of `if-<cond>` blocks (spec §2.2 "Other"): `w_gt_300_and_ih_lt_400_or_iar_eq_4-3`, kept in
// disjunctive normal form because `and` binds tighter than `or`.

import { invalidArg } from '../errors.ts';
import { formatRatio, parseRatio } from './codecs.ts';
import { formatNumber, parseNumber } from './validators.ts';
import type { Comparison, Condition, ConditionOperator, ConditionProperty } from './types.ts';

export const CONDITION_PROPERTIES: readonly ConditionProperty[] = ['w', 'h', 'ar', 'iw', 'ih', 'iar'];
export const CONDITION_OPERATORS: readonly ConditionOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const EXPECTED =
  `<property>_<operator>_<number> joined by _and_ / _or_; properties ${CONDITION_PROPERTIES.join(' ')}, ` +
  `operators ${CONDITION_OPERATORS.join(' ')} (ar may be W-H)`;

const isRatioProperty = (p: ConditionProperty) => p === 'ar' || p === 'iar';

export function parseCondition(text: string): Condition {
  const parts = text.split('_');
  const condition: Condition = [[]];
  for (let i = 0; ; i += 4) {
    const [property, operator, value] = [parts[i], parts[i + 1], parts[i + 2]] as [string?, string?, string?];
    if (!(CONDITION_PROPERTIES as readonly (string | undefined)[]).includes(property)
      || !(CONDITION_OPERATORS as readonly (string | undefined)[]).includes(operator) || value === undefined) {
      throw invalidArg('if', text, EXPECTED);
    }
    const p = property as ConditionProperty;
    const n = (isRatioProperty(p) ? parseRatio(value) : undefined) ?? parseNumber(value, true);
    if (n === undefined) throw invalidArg('if', text, EXPECTED);
    condition.at(-1)!.push({ property: p, operator: operator as ConditionOperator, value: n });
    const join = parts[i + 3];
    if (join === undefined) return condition;
    if (join === 'or') condition.push([]);
    else if (join !== 'and') throw invalidArg('if', text, EXPECTED);
  }
}

function formatComparison(c: Comparison): string {
  const value = isRatioProperty(c.property) && c.value > 0 && !Number.isInteger(c.value) ? formatRatio(c.value) : formatNumber(c.value);
  return `${c.property}_${c.operator}_${value}`;
}

export function formatCondition(condition: Condition): string {
  return condition.map((group) => group.map(formatComparison).join('_and_')).join('_or_');
}
