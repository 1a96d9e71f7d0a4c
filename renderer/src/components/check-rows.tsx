// The rows of a "Test connection": ✓ / ✗ per check, the message, and how to fix it.

import type { OriginCheckDto } from '../../../shared/contract.ts';

export function CheckRows({ result, running }: { result: OriginCheckDto | undefined; running?: boolean }) {
  if (!result) return running ? <p className="muted" role="status">Testing the connection…</p> : null;
  return (
    <ul className="check-rows" aria-label="Connection checks" aria-busy={running || undefined}>
      {result.checks.map((row) => (
        <li key={row.name} className={`check-row ${row.ok ? 'is-ok' : 'is-fail'}`} data-check={row.name}>
          <span className="check-icon" aria-hidden="true">{row.ok ? '✓' : '✗'}</span>
          <div className="check-body">
            <div>
              <strong>{row.name}</strong>
              <span className="sr-only">{row.ok ? ' passed' : ' failed'}</span>
              <span className="check-message">{row.message}</span>
            </div>
            {row.fix && !row.ok && (
              <div className="check-fix">
                <span className="check-fix-label">How to fix: </span>
                {row.fix}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The object a check proved readable, if any. */
export function sampleOf(result: OriginCheckDto | undefined): string | undefined {
  return result?.checks.find((r) => r.sample)?.sample;
}
