// The nesting-aware tokenizer (spec §1.2): `:` splits steps and `,` params, except that `l-<type>`…`l-end`
// layers and `if-<cond>`…[`if-else`]…`if-end` blocks open their own chains, which may hold `:` and `,`.

import { LoupeError } from '../errors.ts';

export interface ParamToken {
  kind: 'param';
  key: string;
  value: string | undefined;
  /** The param as written, for error messages. */
  text: string;
}
export interface LayerToken {
  kind: 'layer';
  type: string;
  steps: Token[][];
}
export interface IfToken {
  kind: 'if';
  condition: string;
  then: Token[][];
  else: Token[][];
}
export type Token = ParamToken | LayerToken | IfToken;

/** Docs allow layers nested up to 3 levels; deeper input is refused rather than recursed into. */
export const MAX_NESTING = 3;

interface Atom {
  text: string;
  /** The delimiter before this atom; the first atom has none. */
  sep: ',' | ':' | '';
}

function atomsOf(text: string): Atom[] {
  const atoms: Atom[] = [];
  let sep: Atom['sep'] = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === ',' || ch === ':' || i === text.length) {
      atoms.push({ text: text.slice(start, i), sep });
      sep = (ch ?? '') as Atom['sep'];
      start = i + 1;
    }
  }
  return atoms;
}

/**
 * Key/value split: `e-` keys take two dash parts (`e-sharpen-10`, `e-changebg-prompt-snow road`), every
 * other key ends at the first `-` (`ar-4-3` is ar = `4-3`). No dash means a bare key (a flag).
 */
export function splitParam(text: string): { key: string; value: string | undefined } {
  const from = text.startsWith('e-') ? 2 : 0;
  const dash = text.indexOf('-', from);
  return dash < 0 ? { key: text, value: undefined } : { key: text.slice(0, dash), value: text.slice(dash + 1) };
}

/** Long chains (2000-character text layers) are cut in messages; the details keep the whole text. */
export function excerpt(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function syntax(message: string, text: string): LoupeError {
  return new LoupeError('TRANSFORM_INVALID_ARG', message, { value: text });
}

/** Tokenizes one already-decoded chain string into steps of tokens; empty steps are kept (parse drops them). */
export function tokenizeChain(text: string): Token[][] {
  const atoms = atomsOf(text);
  let pos = 0;

  function readSteps(depth: number, closers: readonly string[]): { steps: Token[][]; closer?: string } {
    const steps: Token[][] = [[]];
    let first = true;
    while (pos < atoms.length) {
      const atom = atoms[pos]!;
      if (atom.sep === ':' && !first) steps.push([]);
      first = false;
      pos++;
      const current = steps.at(-1)!;
      if (closers.includes(atom.text)) return { steps, closer: atom.text };
      if (atom.text === 'l-end' || atom.text === 'if-else' || atom.text === 'if-end') {
        throw syntax(`Unexpected "${atom.text}" in "${excerpt(text)}" (expected it to close an open ${atom.text === 'l-end' ? 'l-<type> layer' : 'if- block'})`, text);
      }
      if (atom.text.startsWith('l-')) {
        if (depth >= MAX_NESTING) throw syntax(`Layers nested deeper than ${MAX_NESTING} levels in "${excerpt(text)}"`, text);
        const inner = readSteps(depth + 1, ['l-end']);
        if (!inner.closer) throw syntax(`Layer "${atom.text}" has no l-end in "${excerpt(text)}"`, text);
        current.push({ kind: 'layer', type: atom.text.slice(2), steps: inner.steps });
      } else if (atom.text.startsWith('if-')) {
        if (depth >= MAX_NESTING) throw syntax(`Conditions nested deeper than ${MAX_NESTING} levels in "${excerpt(text)}"`, text);
        const then = readSteps(depth + 1, ['if-else', 'if-end']);
        if (!then.closer) throw syntax(`Condition "${atom.text}" has no if-end in "${excerpt(text)}"`, text);
        const otherwise = then.closer === 'if-else' ? readSteps(depth + 1, ['if-end']) : { steps: [], closer: 'if-end' };
        if (!otherwise.closer) throw syntax(`Condition "${atom.text}" has no if-end after if-else in "${excerpt(text)}"`, text);
        current.push({ kind: 'if', condition: atom.text.slice(3), then: then.steps, else: otherwise.steps });
      } else if (atom.text !== '') {
        current.push({ kind: 'param', ...splitParam(atom.text), text: atom.text });
      }
    }
    return { steps };
  }

  return readSteps(0, []).steps;
}

/** Spec §2.2 "Other": a step holding an if-block may hold nothing else. */
export function assertIfAlone(step: Token[], text: string): void {
  if (step.length > 1 && step.some((t) => t.kind === 'if')) {
    throw syntax(`A condition (if-…if-end) must be alone in its step, separated by ":", in "${excerpt(text)}"`, text);
  }
}
