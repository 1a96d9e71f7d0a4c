// One request in the log; expands into its explanation: origins tried, cache, timings, output.

import type { ActivityRecordDto } from '../../../shared/contract.ts';
import { AttemptsList, describeRecord } from '../components/attempts.tsx';
import { formatBytes, formatMs, formatTime } from '../format.ts';

function pathOf(url: string): string {
  try {
    const u = new URL(url, 'http://x');
    return decodeURIComponent(u.pathname) + u.search;
  } catch {
    return url;
  }
}

export function ActivityRow({ record: r, open, onToggle }: { record: ActivityRecordDto; open: boolean; onToggle(): void }) {
  const detailsId = `activity-${r.id}`;
  const isError = r.status >= 400;
  return (
    <li className={`activity-row ${isError ? 'is-error' : ''}`} data-status={r.status} data-id={r.id}>
      <button type="button" className="activity-summary" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span className={`status-chip status-${Math.floor(r.status / 100)}xx`}>{r.status}</span>
        <span className="activity-time muted small">{formatTime(r.time)}</span>
        <code className="activity-url">{r.method !== 'GET' ? `${r.method} ` : ''}{pathOf(r.url)}</code>
        <span className="activity-tags">
          {r.origin && <span className="tag">{r.origin}</span>}
          {r.cache && <span className={`tag tag-cache-${r.cache}`}>{r.cache}</span>}
          {r.bytes !== undefined && (r.bytes > 0 || !isError) && <span className="muted small">{formatBytes(r.bytes)}</span>}
          <span className="muted small num">{formatMs(r.ms)}</span>
        </span>
      </button>
      {isError && !open && <p className="activity-sentence error-text small">{describeRecord(r)}</p>}
      {open && (
        <div className="activity-details" id={detailsId}>
          <p className={`activity-sentence ${isError ? 'error-text' : ''}`}>{describeRecord(r)}</p>
          <dl className="meta">
            <dt>URL</dt><dd><code className="break">{r.url}</code></dd>
            <dt>Endpoint</dt><dd>{r.endpoint !== undefined ? `/${r.endpoint}` : <span className="muted">none matched</span>}</dd>
            {r.path !== undefined && (<><dt>File path</dt><dd><code>{r.path}</code></dd></>)}
            <dt>Transformation</dt><dd>{r.chain ? <code>{r.chain}</code> : <span className="muted">none</span>}</dd>
            <dt>Cache</dt><dd>{r.cache ?? <span className="muted">not consulted</span>}</dd>
            <dt>Total time</dt><dd>{formatMs(r.ms)}{r.attempts.length > 0 && <span className="muted"> (origins {formatMs(r.attempts.reduce((s, a) => s + a.ms, 0))})</span>}</dd>
            {(r.format || r.width || (r.bytes !== undefined && (r.bytes > 0 || !isError))) && (
              <><dt>Output</dt><dd>{[r.format?.toUpperCase(), r.width && r.height ? `${r.width}×${r.height}` : undefined, r.bytes !== undefined ? formatBytes(r.bytes) : undefined].filter(Boolean).join(' · ')}</dd></>
            )}
            {r.error && (<><dt>Error</dt><dd className="error-text"><code>{r.error.code}</code> {r.error.message}</dd></>)}
          </dl>
          <h4 className="sub-title">Origins tried</h4>
          <AttemptsList attempts={r.attempts} servedBy={r.origin} />
        </div>
      )}
    </li>
  );
}
