// Activity: the live request log, newest first, filterable by status and endpoint.

import { useEffect, useState } from 'react';
import type { ActivityFilter, ActivityRecordDto } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { messageOf, useEvent } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { EmptyState, ErrorText, Loading } from '../components/feedback.tsx';
import { Toggle } from '../components/field.tsx';
import { ActivityRow } from './activity-row.tsx';

const MAX_ROWS = 500;
const STATUS_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: 'All requests' },
  { value: 'error', label: 'Errors only' },
  { value: '404', label: '404 Not found' },
  { value: '400', label: '400 Bad request' },
  { value: '401', label: '401 Unauthorized' },
  { value: '502', label: '502 Origin failed' },
  { value: '200', label: '200 OK' },
];

function matches(r: ActivityRecordDto, f: ActivityFilter): boolean {
  if (f.status === 'error' && r.status < 400) return false;
  if (typeof f.status === 'number' && r.status !== f.status) return false;
  if (f.endpoint !== undefined && r.endpoint !== f.endpoint) return false;
  return true;
}

export function ActivityPage() {
  const { status: server } = useApp();
  const [status, setStatus] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [live, setLive] = useState(true);
  const [rows, setRows] = useState<ActivityRecordDto[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<Set<number>>(new Set());

  const filter: ActivityFilter = {
    ...(status === 'error' ? { status: 'error' as const } : status ? { status: Number(status) } : {}),
    ...(endpoint ? { endpoint } : {}),
    limit: MAX_ROWS,
  };
  useEffect(() => {
    let cancelled = false;
    call('activity.list', filter).then((list) => {
      if (cancelled) return;
      setRows([...list].sort((a, b) => b.id - a.id));
      setError(undefined);
    }, (e) => !cancelled && setError(messageOf(e)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, endpoint]);

  useEvent('activity.request', (r) => {
    if (!live || !matches(r, filter)) return;
    setRows((prev) => (prev?.some((x) => x.id === r.id) ? prev : [r, ...(prev ?? [])].slice(0, MAX_ROWS)));
  });

  const toggle = (id: number) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const endpoints = server?.endpoints.map((e) => e.id) ?? [];
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Activity</h1>
          <p className="muted">Every request the delivery server answered, newest first. Open a row to see which origins were asked and what they said.</p>
        </div>
      </header>
      <div className="toolbar" role="group" aria-label="Filters">
        <div className="field inline">
          <label htmlFor="activity-status">Status</label>
          <select id="activity-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="activity-endpoint">Endpoint</label>
          <select id="activity-endpoint" value={endpoint} onChange={(e) => setEndpoint(e.target.value)}>
            <option value="">All endpoints</option>
            {endpoints.map((id) => <option key={id} value={id}>/{id}</option>)}
          </select>
        </div>
        <Toggle label="Live" checked={live} onChange={setLive} />
        <span className="muted small" role="status">{rows ? `${rows.length} request${rows.length === 1 ? '' : 's'}` : ''}</span>
      </div>
      <ErrorText message={error} />
      {!rows && !error && <Loading />}
      {rows && rows.length === 0 && (
        <EmptyState title={status || endpoint ? 'No requests match these filters' : 'No requests yet'}>
          {server?.url ? <>Requests to <code>{server.url}</code> appear here as they happen.</> : 'Requests appear here as they happen.'}
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <ul className="activity-list" aria-label="Requests">
          {rows.map((r) => <ActivityRow key={r.id} record={r} open={open.has(r.id)} onToggle={() => toggle(r.id)} />)}
        </ul>
      )}
    </div>
  );
}
