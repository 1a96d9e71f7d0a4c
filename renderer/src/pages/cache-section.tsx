// Cache usage (entries, bytes vs. the limit, hit ratio) and purging: everything, or one endpoint.

import { useState } from 'react';
import { call } from '../api/client.ts';
import { useAction, useResource } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { ErrorText } from '../components/feedback.tsx';
import { formatBytes } from '../format.ts';

export function CacheSection({ maxBytes }: { maxBytes: number }) {
  const { status } = useApp();
  const stats = useResource('cache.stats');
  const [endpoint, setEndpoint] = useState('');
  const [note, setNote] = useState<string>();
  const [confirmAll, setConfirmAll] = useState(false);
  const purge = useAction(async (input: { all: true } | { endpoint: string }) => {
    const r = await call('cache.purge', input);
    setNote(`Removed ${r.removed} cached file${r.removed === 1 ? '' : 's'}${'endpoint' in input ? ` of /${input.endpoint}` : ''}.`);
    setConfirmAll(false);
    await stats.reload();
  });
  const s = stats.data;
  const limit = s?.maxBytes ?? maxBytes;
  const pct = s ? Math.min(100, (s.bytes / limit) * 100) : 0;
  const endpoints = status?.endpoints.map((e) => e.id) ?? [];
  return (
    <section className="panel stack" aria-labelledby="set-cache">
      <div className="row between">
        <h2 id="set-cache" className="section-title no-margin">Cache</h2>
        <button type="button" className="btn btn-small" onClick={() => void stats.reload()} disabled={stats.loading}>Refresh</button>
      </div>
      <ErrorText message={stats.error} />
      {s && (
        <>
          <div className="usage">
            <div className="usage-bar" role="meter" aria-label="Cache usage" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={s.bytes} aria-valuetext={`${formatBytes(s.bytes)} of ${formatBytes(limit)}`}>
              <div className="usage-fill" style={{ width: `${pct}%` }} />
            </div>
            <div className="row between small">
              <span><strong>{formatBytes(s.bytes)}</strong> of {formatBytes(limit)} · {s.entries} file{s.entries === 1 ? '' : 's'}</span>
              <span className="muted">Hit ratio {(s.hitRatio * 100).toFixed(0)}% ({s.hits} hit{s.hits === 1 ? '' : 's'}, {s.misses} miss{s.misses === 1 ? '' : 'es'})</span>
            </div>
          </div>
        </>
      )}
      <div className="row gap wrap">
        {confirmAll ? (
          <>
            <button type="button" className="btn btn-danger" onClick={() => void purge.run({ all: true })} disabled={purge.busy}>Purge everything</button>
            <button type="button" className="btn" onClick={() => setConfirmAll(false)}>Cancel</button>
          </>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirmAll(true)}>Purge all…</button>
        )}
        <span className="divider" aria-hidden="true" />
        <label htmlFor="purge-endpoint" className="small">Purge one endpoint</label>
        <select id="purge-endpoint" value={endpoint} onChange={(e) => setEndpoint(e.target.value)}>
          <option value="">Choose…</option>
          {endpoints.map((id) => <option key={id} value={id}>/{id}</option>)}
        </select>
        <button type="button" className="btn" disabled={!endpoint || purge.busy} onClick={() => void purge.run({ endpoint })}>Purge</button>
      </div>
      <ErrorText message={purge.error} />
      {note && <p className="ok-text small" role="status">✓ {note}</p>}
    </section>
  );
}
