// Web-server and folder origins: a short form, the same "Test connection" rows, then save.

import { useState } from 'react';
import type { OriginCheckDto, OriginConfigJson, OriginView } from '../../../shared/contract.ts';
import { call, isDesktop } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { CheckRows } from '../components/check-rows.tsx';
import { ErrorText, Notice } from '../components/feedback.tsx';
import { Field } from '../components/field.tsx';
import { slugify } from '../format.ts';

interface Props {
  type: 'web' | 'folder';
  existing: OriginView[];
  editing: OriginView | undefined;
  onClose(): void;
}

export function SimpleOriginForm({ type, existing, editing, onClose }: Props) {
  const { navigate } = useApp();
  const initial = editing?.config;
  const [id, setId] = useState(initial ? initial.id : '');
  const [location, setLocation] = useState(initial ? String(type === 'web' ? initial.baseUrl : initial.root) : '');
  const [checks, setChecks] = useState<OriginCheckDto>();
  const [saved, setSaved] = useState<OriginView>();
  const desktop = isDesktop();

  const suggestedId = location ? slugify(type === 'web' ? location.replace(/^https?:\/\//, '').split('/')[0] ?? '' : location.split(/[\\/]/).filter(Boolean).pop() ?? '') : '';
  const originId = id.trim() || suggestedId;
  const taken = existing.some((o) => o.config.id === originId && o.config.id !== initial?.id);
  const draft = (): OriginConfigJson => (type === 'web' ? { id: originId, type, baseUrl: location.trim() } : { id: originId, type, root: location.trim() });
  const valid = originId !== '' && location.trim() !== '' && !taken;

  const test = useAction(async () => setChecks(await call('origins.check', { draft: draft() })));
  const save = useAction(async () => setSaved(await call('origins.save', { origin: draft(), ...(initial ? { previousId: initial.id } : {}) })));
  const pick = useAction(async () => {
    const r = await call('system.pickFolder');
    if (r.path) setLocation(r.path);
  });

  const title = type === 'web' ? 'Web server origin' : 'Folder origin';
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <button type="button" className="btn-link" onClick={onClose}>← Origins</button>
          <h1 tabIndex={-1}>{initial ? `Edit ${initial.id}` : title}</h1>
          <p className="muted">
            {type === 'web'
              ? 'Loupe appends the request path to the base URL: /endpoint/photos/a.jpg is fetched from <base URL>/photos/a.jpg.'
              : 'Loupe serves the files inside this folder; nothing outside it can be reached.'}
          </p>
        </div>
      </header>
      <form className="panel stack" onSubmit={(e) => {
        e.preventDefault();
        if (valid) void test.run();
      }}>
        {type === 'web' ? (
          <Field label="Base URL" placeholder="https://images.example.com/assets/" value={location} onValue={setLocation} type="url" required
            hint="http:// or https://. Redirects are followed and re-checked." />
        ) : desktop ? (
          <div className="field">
            <span className="label">Folder</span>
            <div className="row gap-sm">
              <code className="path-box" aria-live="polite">{location || 'No folder chosen'}</code>
              <button type="button" className="btn" onClick={() => void pick.run()} disabled={pick.busy}>Choose…</button>
            </div>
            <ErrorText message={pick.error} />
          </div>
        ) : (
          <Field label="Folder path" placeholder="/home/me/Pictures" value={location} onValue={setLocation} required
            hint="An absolute path on the machine running Loupe." />
        )}
        <Field label="Name" placeholder={suggestedId || (type === 'web' ? 'images-example-com' : 'pictures')} value={id} onValue={setId}
          hint="Letters, digits, - or _. Endpoints refer to origins by this name."
          error={taken ? `An origin named "${originId}" already exists.` : undefined} />
        <div className="row gap">
          <button type="submit" className="btn" disabled={!valid || test.busy}>{test.busy ? 'Testing…' : 'Test connection'}</button>
          <button type="button" className={`btn ${checks?.ok ? 'btn-primary' : ''}`} disabled={!valid || save.busy} onClick={() => void save.run()}>
            {checks && !checks.ok ? 'Save anyway' : 'Save origin'}
          </button>
        </div>
        <ErrorText message={test.error} />
        <CheckRows result={checks} running={test.busy} />
        <ErrorText message={save.error} />
        {saved && (
          <Notice tone="ok" title={`Saved “${saved.config.id}”.`}>
            <p>Attach it to an endpoint so URLs can reach it.</p>
            <div className="row gap-sm">
              <button type="button" className="btn btn-primary" onClick={() => navigate({ page: 'endpoints' })}>Go to Endpoints</button>
              <button type="button" className="btn" onClick={onClose}>Back to Origins</button>
            </div>
          </Notice>
        )}
      </form>
    </div>
  );
}
