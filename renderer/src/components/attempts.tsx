// What each origin answered for one request: the exact key or URL looked up, the outcome, the time.
// Also the one sentence a 404 reads as.

import type { ActivityRecordDto, OriginAttemptDto } from '../../../shared/contract.ts';
import { formatMs } from '../format.ts';

const OUTCOME = { found: 'found', 'not-found': 'not found', error: 'error' } as const;

export function AttemptsList({ attempts, servedBy }: { attempts: OriginAttemptDto[]; servedBy?: string | undefined }) {
  if (attempts.length === 0) return <p className="muted small">No origin was asked.</p>;
  return (
    <table className="attempts">
      <caption className="sr-only">Origins tried, in order</caption>
      <thead>
        <tr><th scope="col">#</th><th scope="col">Origin</th><th scope="col">Looked up</th><th scope="col">Answer</th><th scope="col">Time</th></tr>
      </thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={`${a.origin}-${i}`} data-outcome={a.outcome}>
            <td>{i + 1}</td>
            <td><strong>{a.origin}</strong> <span className="muted small">{a.type}</span>{a.origin === servedBy && <span className="badge badge-ok">served</span>}</td>
            <td><code className="break">{a.location}</code></td>
            <td>
              <span className={`outcome outcome-${a.outcome}`}>{OUTCOME[a.outcome]}</span>
              {a.cached && <span className="muted small"> (remembered)</span>}
              {a.error && <div className="error-text small">{a.error}</div>}
            </td>
            <td className="num">{formatMs(a.ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function joinNames(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A request as a sentence a user can act on, most of all a 404. */
export function describeRecord(r: ActivityRecordDto): string {
  const path = r.path ?? r.url;
  if (r.status === 404 && r.attempts.length > 0) {
    const where = joinNames(r.attempts.map((a) => `${a.origin} (${a.location})`));
    const errors = r.attempts.filter((a) => a.outcome === 'error');
    const tail = r.attempts.length === 1 ? 'it does not have it' : r.attempts.length === 2 ? 'neither has it' : 'none has it';
    return `Not found: ${path} was looked up in ${where}; ${errors.length ? `${tail} (${errors.map((a) => `${a.origin}: ${a.error ?? 'error'}`).join('; ')})` : tail}.`;
  }
  if (r.status === 404 && !r.endpoint) return `Not found: no endpoint matches ${r.url}. ${r.error?.message ?? ''}`.trim();
  if (r.error) return `${r.error.message}`;
  if (r.status < 400) {
    const parts = [`Served ${path}`];
    if (r.origin) parts.push(`from ${r.origin}`);
    if (r.chain) parts.push(`with ${r.chain}`);
    return `${parts.join(' ')}${r.cache ? ` (cache ${r.cache})` : ''}.`;
  }
  return `HTTP ${r.status} for ${path}.`;
}
