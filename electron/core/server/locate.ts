// What was tried for a request, and the error when no origin had the object: the 404 a user can debug
// says exactly which origin and key were tried, in order.

import { LoupeError } from '../../../shared/errors.ts';
import type { OriginAttemptDto } from '../../../shared/contract.ts';

/** One origin asked for one key: the exact location, the outcome, how long it took. */
export type OriginAttempt = OriginAttemptDto;

/** A 404 when every origin said not-found, else a 502 naming the first origin error. */
export function notFoundError(endpointId: string, key: string, attempts: readonly OriginAttempt[]): LoupeError {
  const failed = attempts.find((a) => a.outcome === 'error');
  const tried = attempts.map((a, i) => `  ${i + 1}. ${a.origin} (${a.type}): ${a.location} — ${
    a.outcome === 'error' ? `error: ${a.error}` : `not found${a.cached ? ' (remembered from the last check)' : ''}`}`);
  const summary = failed
    ? `"${key}" could not be fetched: origin "${failed.origin}" failed (${failed.error})`
    : `No file "${key}" in any origin of endpoint "/${endpointId}"`;
  return new LoupeError(failed ? 'ORIGIN_ERROR' : 'ORIGIN_NOT_FOUND', summary, { tried: tried.join('\n'), attempts: [...attempts] });
}
