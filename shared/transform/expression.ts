// Arithmetic expressions in values (imagekit-url-spec.md §2.6): `iw_div_2`, `ch_mul_0.8_add_10`.
// ImageKit's documented precedence is unusual: mul/div, then add/sub, then mod, then pow, each left to right.

import { LoupeError } from '../errors.ts';
import type { Expr, ExprOperator, ExprVariable } from './types.ts';

export const EXPR_VARIABLES: readonly ExprVariable[] = ['iw', 'ih', 'iar', 'cw', 'ch', 'car', 'bw', 'bh', 'bar', 'idn', 'bdu', 'idu'];
const OPERATORS: readonly ExprOperator[] = ['add', 'sub', 'mul', 'div', 'mod', 'pow'];
/** Lower binds tighter. */
const PRECEDENCE: Record<ExprOperator, number> = { mul: 0, div: 0, add: 1, sub: 1, mod: 2, pow: 3 };

const NUMBER = /^\d+(\.\d+)?$|^\.\d+$/;

export function isExprVariable(s: string): s is ExprVariable {
  return (EXPR_VARIABLES as readonly string[]).includes(s);
}

/**
 * Parses a plain number (`300`, `0.4`, `N20` when `allowNegative`) or an expression. Returns undefined
 * when the text is neither, so callers can produce their own "expected ..." message.
 */
export function parseExpr(text: string, allowNegative = false): Expr | undefined {
  const parts = text.split('_');
  if (parts.length % 2 === 0) return undefined;
  const operands: Expr[] = [];
  const ops: ExprOperator[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      if (!(OPERATORS as readonly string[]).includes(part)) return undefined;
      ops.push(part as ExprOperator);
      continue;
    }
    const operand = parseOperand(part, allowNegative && parts.length === 1);
    if (!operand) return undefined;
    operands.push(operand);
  }
  // Fold from the tightest level outwards, left to right within a level.
  for (let level = 0; level <= 3; level++) {
    for (let i = 0; i < ops.length; ) {
      const op = ops[i]!;
      if (PRECEDENCE[op] !== level) {
        i++;
        continue;
      }
      operands.splice(i, 2, { kind: 'op', op, left: operands[i]!, right: operands[i + 1]! });
      ops.splice(i, 1);
    }
  }
  return operands[0];
}

function parseOperand(part: string, allowNegative: boolean): Expr | undefined {
  if (isExprVariable(part)) return { kind: 'var', name: part };
  const negative = allowNegative && part.startsWith('N');
  const digits = negative ? part.slice(1) : part;
  if (!NUMBER.test(digits)) return undefined;
  const value = Number(digits);
  // `N0` must not become -0: it would format as `0` and break deep equality on a round trip.
  return { kind: 'num', value: negative && value !== 0 ? -value : value };
}

export type ExprVariables = Partial<Record<ExprVariable, number>>;

/** Evaluates with the variables known at this point of the pipeline; a missing one is a 400. */
export function evaluateExpr(expr: Expr, vars: ExprVariables, key = 'expression'): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var': {
      const v = vars[expr.name];
      if (v === undefined) {
        throw new LoupeError('TRANSFORM_INVALID_ARG', `Invalid ${key}: variable "${expr.name}" is not available here`, { key, variable: expr.name });
      }
      return v;
    }
    case 'op': {
      const a = evaluateExpr(expr.left, vars, key);
      const b = evaluateExpr(expr.right, vars, key);
      switch (expr.op) {
        case 'add': return a + b;
        case 'sub': return a - b;
        case 'mul': return a * b;
        case 'div':
        case 'mod':
          if (b === 0) throw new LoupeError('TRANSFORM_INVALID_ARG', `Invalid ${key}: division by zero`, { key });
          return expr.op === 'div' ? a / b : a % b;
        case 'pow': return a ** b;
      }
    }
  }
}

/** Writes an expression back in URL form; the inverse of parseExpr for its own output. */
export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'num':
      return expr.value < 0 ? `N${numberText(-expr.value)}` : numberText(expr.value);
    case 'var':
      return expr.name;
    case 'op':
      // Flattened output is only faithful because parseExpr builds left-deep trees per level; a
      // right operand of a looser level cannot occur, so no parentheses are ever needed.
      return `${formatExpr(expr.left)}_${expr.op}_${formatExpr(expr.right)}`;
  }
}

/**
 * Plain decimal text for a non-negative number: String() switches to exponent form below 1e-6
 * (`w-0.0000001` would come back as `1e-7`, which the grammar does not accept).
 */
export function numberText(n: number): string {
  const s = String(n);
  const [mantissa = s, exp] = s.split('e');
  if (exp === undefined) return s;
  // String() gives the shortest round-tripping digits; write the same digits without the exponent.
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  const point = (mantissa.indexOf('.') < 0 ? mantissa.length : mantissa.indexOf('.')) + e;
  return point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : digits.padEnd(point, '0');
}

export function isPlainNumber(expr: Expr): expr is { kind: 'num'; value: number } {
  return expr.kind === 'num';
}
