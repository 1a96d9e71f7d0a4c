// Origins: where files come from. Leads to "Connect your first bucket" while no GCS origin exists.

import { useState } from 'react';
import type { OriginView } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { useAction, useResource } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { CheckRows } from '../components/check-rows.tsx';
import { ErrorText, Loading } from '../components/feedback.tsx';
import { GcsWizard } from '../wizard/gcs-wizard.tsx';
import { SimpleOriginForm } from './simple-origin-form.tsx';

export function OriginsPage() {
  const { route, navigate } = useApp();
  const origins = useResource('origins.list');
  const [editing, setEditing] = useState<OriginView>();
  const mode = route.mode ?? 'list';
  const close = () => {
    setEditing(undefined);
    navigate({ page: 'origins' });
    void origins.reload();
  };

  if (mode === 'gcs') return <GcsWizard existing={origins.data ?? []} onClose={close} />;
  if (mode === 'web' || mode === 'folder') {
    return <SimpleOriginForm type={mode} existing={origins.data ?? []} editing={editing} onClose={close} />;
  }

  const list = origins.data ?? [];
  const hasGcs = list.some((o) => o.config.type === 'gcs');
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Origins</h1>
          <p className="muted">Where Loupe fetches originals from: Google Cloud Storage buckets, web servers and local folders.</p>
        </div>
        {hasGcs && (
          <div className="header-actions">
            <button type="button" className="btn" onClick={() => navigate({ page: 'origins', mode: 'gcs' })}>Connect a bucket</button>
            <button type="button" className="btn" onClick={() => navigate({ page: 'origins', mode: 'web' })}>Add web server</button>
            <button type="button" className="btn" onClick={() => navigate({ page: 'origins', mode: 'folder' })}>Add folder</button>
          </div>
        )}
      </header>

      {!hasGcs && !origins.loading && (
        <section className="hero" aria-labelledby="hero-title">
          <div className="hero-icon" aria-hidden="true">☁</div>
          <div>
            <h2 id="hero-title">Connect your first bucket</h2>
            <p>
              Serve the images in a Google Cloud Storage bucket from a local URL, resized and converted on the fly, and cached on this
              computer so they keep working offline. Loupe only needs a read-only service account; the guide walks you through it in six short steps.
            </p>
            <div className="row gap">
              <button type="button" className="btn btn-primary" onClick={() => navigate({ page: 'origins', mode: 'gcs' })}>Connect a GCS bucket</button>
              <button type="button" className="btn" onClick={() => navigate({ page: 'origins', mode: 'web' })}>Add a web server</button>
              <button type="button" className="btn" onClick={() => navigate({ page: 'origins', mode: 'folder' })}>Add a local folder</button>
            </div>
          </div>
        </section>
      )}

      <ErrorText message={origins.error} />
      {origins.loading && !origins.data && <Loading />}
      {list.length > 0 && (
        <section aria-labelledby="origin-list-title">
          <h2 id="origin-list-title" className="section-title">Configured origins</h2>
          <ul className="card-list">
            {list.map((o) => (
              <OriginCard key={o.config.id} origin={o} onChanged={() => void origins.reload()} onEdit={() => {
                setEditing(o);
                navigate({ page: 'origins', mode: o.config.type === 'gcs' ? 'gcs' : o.config.type });
              }} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export function originLocation(o: OriginView['config']): string {
  if (o.type === 'gcs') return `gs://${String(o.bucket)}/${String(o.prefix ?? '')}`;
  if (o.type === 'web') return String(o.baseUrl);
  return String(o.root);
}

const TYPE_LABEL = { gcs: 'Cloud Storage', web: 'Web server', folder: 'Folder' } as const;

function OriginCard({ origin, onChanged, onEdit }: { origin: OriginView; onChanged(): void; onEdit(): void }) {
  const { config, key, usedBy } = origin;
  const test = useAction(() => call('origins.check', { id: config.id }));
  const [result, setResult] = useState<Awaited<ReturnType<typeof test.run>>>();
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(async () => {
    await call('origins.remove', { id: config.id });
    onChanged();
  });
  return (
    <li className="card" data-origin={config.id}>
      <div className="card-head">
        <div>
          <span className={`badge badge-${config.type}`}>{TYPE_LABEL[config.type]}</span>
          <h3 className="card-title">{config.id}</h3>
          <code className="muted small">{originLocation(config)}</code>
        </div>
        <div className="row gap-sm">
          <button type="button" className="btn btn-small" disabled={test.busy} onClick={async () => setResult(await test.run())}>
            {test.busy ? 'Testing…' : 'Test connection'}
          </button>
          {config.type !== 'gcs' && <button type="button" className="btn btn-small" onClick={onEdit}>Edit</button>}
          {confirming ? (
            <>
              <button type="button" className="btn btn-small btn-danger" disabled={remove.busy} onClick={() => void remove.run()}>Remove {config.id}</button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>Cancel</button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirming(true)}>Remove…</button>
          )}
        </div>
      </div>
      <dl className="meta">
        {key && (
          <>
            <dt>Service account</dt>
            <dd>{key.client_email} <span className="muted">({key.project_id}, key {key.private_key_id.slice(0, 8)}…, {key.storage === 'session' ? 'this session only' : key.storage === 'keyFile' ? 'key file' : 'stored'})</span></dd>
          </>
        )}
        <dt>Used by</dt>
        <dd>{usedBy.length ? usedBy.map((e) => `/${e}`).join(', ') : <span className="muted">no endpoint yet</span>}</dd>
      </dl>
      <ErrorText message={test.error ?? remove.error} />
      <CheckRows result={result} running={test.busy} />
    </li>
  );
}
