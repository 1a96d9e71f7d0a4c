// One endpoint's settings: identifier, domains, origin order, signed URLs, and its base URL to copy.

import { useState } from 'react';
import type { EndpointView, OriginView } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorText } from '../components/feedback.tsx';
import { Field, Toggle } from '../components/field.tsx';
import { OriginOrderList } from '../components/origin-order-list.tsx';
import { joinUrl } from '../format.ts';
import { originLocation } from './origins-page.tsx';

interface Props {
  endpoint: EndpointView | undefined;
  origins: OriginView[];
  taken: string[];
  onSaved(id: string): Promise<void>;
  onRemoved(): Promise<void>;
}

export function EndpointEditor({ endpoint, origins, taken, onSaved, onRemoved }: Props) {
  const { status, refreshStatus } = useApp();
  const initial = endpoint?.config;
  const [id, setId] = useState(initial?.id ?? '');
  const [domains, setDomains] = useState((initial?.domains ?? []).join(', '));
  const [order, setOrder] = useState<string[]>(initial?.origins ?? (origins[0] ? [origins[0].config.id] : []));
  const [signed, setSigned] = useState(initial?.requireSignedUrls ?? false);
  const [confirming, setConfirming] = useState(false);
  const [savedNote, setSavedNote] = useState('');

  const domainList = domains.split(/[\s,]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);
  const dirty = !initial || id !== initial.id || order.join() !== initial.origins.join() || signed !== initial.requireSignedUrls || domainList.join() !== initial.domains.join();
  const idProblem = id !== initial?.id && taken.includes(id) ? `/${id} already exists.` : undefined;
  const available = origins.filter((o) => !order.includes(o.config.id));
  const describe = (oid: string) => {
    const o = origins.find((x) => x.config.id === oid);
    return o ? originLocation(o.config) : '(missing origin)';
  };

  const save = useAction(async () => {
    const saved = await call('endpoints.save', {
      endpoint: { id, origins: order, domains: domainList, requireSignedUrls: signed },
      ...(initial ? { previousId: initial.id } : {}),
    });
    setSavedNote(`Saved at ${new Date().toLocaleTimeString()}`);
    refreshStatus();
    await onSaved(saved.config.id);
  });
  const remove = useAction(async () => {
    await call('endpoints.remove', { id: initial?.id ?? '' });
    refreshStatus();
    await onRemoved();
  });

  const baseUrl = endpoint?.url ?? (status?.url && initial ? joinUrl(status.url, initial.id) : undefined);
  return (
    <form className="panel stack endpoint-editor" aria-label={initial ? `Endpoint /${initial.id}` : 'New endpoint'} onSubmit={(e) => {
      e.preventDefault();
      void save.run();
    }}>
      <div className="row between">
        <h2 className="section-title no-margin">{initial ? `/${initial.id}` : 'New endpoint'}</h2>
        {baseUrl && (
          <div className="url-box small">
            <code data-testid="endpoint-base-url">{baseUrl}</code>
            <CopyButton text={baseUrl} label="Copy base URL" />
          </div>
        )}
      </div>
      <Field label="Identifier" value={id} onValue={(v) => setId(v.replace(/^\/+|\/+$/g, ''))} spellCheck={false} required={domainList.length === 0}
        hint={<>The path segment URLs start with, e.g. <code>images</code> or <code>shop/images</code>.</>} error={idProblem} />
      <Field label="Domains (optional)" value={domains} onValue={setDomains} placeholder="img.localhost" spellCheck={false}
        hint="Requests whose Host header is one of these reach this endpoint without the identifier in the path. Separate with commas." />
      <div className="field">
        <span className="label" id="order-label">Origin preference</span>
        {order.length > 0 ? <OriginOrderList origins={order} onChange={setOrder} describe={describe} /> : <p className="muted">No origin yet.</p>}
        {available.length > 0 && (
          <div className="row gap-sm">
            <label htmlFor="add-origin" className="muted small">Add origin</label>
            <select id="add-origin" value="" onChange={(e) => e.target.value && setOrder([...order, e.target.value])}>
              <option value="">Choose…</option>
              {available.map((o) => <option key={o.config.id} value={o.config.id}>{o.config.id} ({o.config.type})</option>)}
            </select>
          </div>
        )}
      </div>
      <Toggle label="Require signed URLs" checked={signed} onChange={setSigned}
        hint="Only URLs signed with the signing key (ImageKit's ik-s parameter) are served. Needs a signing key in Settings." />
      <div className="row gap">
        <button type="submit" className="btn btn-primary" disabled={save.busy || !dirty || order.length === 0 || !!idProblem}>{save.busy ? 'Saving…' : 'Save endpoint'}</button>
        {dirty && initial && <span className="muted small" role="status">Unsaved changes</span>}
        {!dirty && savedNote && <span className="ok-text small" role="status">✓ {savedNote}</span>}
        <span className="spacer" />
        {initial && (confirming ? (
          <>
            <button type="button" className="btn btn-danger" onClick={() => void remove.run()} disabled={remove.busy}>Remove /{initial.id}</button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
          </>
        ) : (
          <button type="button" className="btn btn-quiet" onClick={() => setConfirming(true)}>Remove…</button>
        ))}
      </div>
      <ErrorText message={save.error ?? remove.error} />
    </form>
  );
}
