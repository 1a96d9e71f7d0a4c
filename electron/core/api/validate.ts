// Input checks for the control API: the renderer and HTTP clients are untrusted, so every channel
// checks its input's shape here and answers with a message naming the field.

import { LoupeError } from '../../../shared/errors.ts';

export function bad(message: string, details?: Record<string, unknown>): never {
  throw new LoupeError('BAD_REQUEST', message, details);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with only the named keys. */
export function record(v: unknown, channel: string, keys: readonly string[], shape = `{ ${keys.join(', ')} }`): Record<string, unknown> {
  if (!isObject(v)) bad(`${channel}: expected ${shape}`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) bad(`${channel}: unknown field "${k}" (expected ${keys.join(', ')})`, { field: k });
  return v;
}

export function text(v: unknown, channel: string, field: string, max = 10_000): string {
  if (typeof v !== 'string' || v.length === 0) bad(`${channel}: "${field}" must be a non-empty string`, { field });
  if (v.length > max) bad(`${channel}: "${field}" is longer than ${max} characters`, { field });
  return v;
}

export function optionalText(v: unknown, channel: string, field: string, max?: number): string | undefined {
  return v === undefined ? undefined : text(v, channel, field, max);
}

export function idInput(v: unknown, channel: string): string {
  return text(record(v, channel, ['id']).id, channel, 'id', 200);
}

export function parseUrl(value: string, channel: string): URL {
  try {
    return new URL(value);
  } catch {
    return bad(`${channel}: "${value.slice(0, 200)}" is not a valid URL`, { field: 'url' });
  }
}
