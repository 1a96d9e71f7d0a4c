// Step 6: save the origin (with its key) and attach it to a new or existing endpoint, this origin
// first; then the URL to copy, a curl example and a thumbnail delivered through it, as proof.

import { useState } from 'react';
import type { EndpointView } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { useAction, useResource } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { sampleOf } from '../components/check-rows.tsx';
import { CodeBlock, CopyButton } from '../components/copy-button.tsx';
import { ErrorText, Notice } from '../components/feedback.tsx';
import { Field } from '../components/field.tsx';
import { joinUrl } from '../format.ts';
import type { StepProps } from './gcs-wizard.tsx';
import { draftOf, keyInputOf } from './wizard-state.ts';

const ENDPOINT_RE = /^[A-Za-z0-9-]+(\/[A-Za-z0-9-]+)*$/;

export function StepAttach({ state, update, existing, onDone, onBack }: StepProps & { onDone(): void; onBack(): void }) {
  const { status, navigate, refreshStatus } = useApp();
  const endpoints = useResource('endpoints.list');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [newId, setNewId] = useState(state.bucket.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'images');
  const [existingId, setExistingId] = useState('');
  const [result, setResult] = useState<EndpointView>();
  const draft = draftOf(state, existing);
  const list = endpoints.data ?? [];
  const chosenExisting = list.find((e) => e.config.id === existingId) ?? list[0];
  const idTaken = mode === 'new' && list.some((e) => e.config.id === newId);
  const idProblem = mode === 'new' && newId !== '' && !ENDPOINT_RE.test(newId) ? 'Use letters, digits and "-", e.g. "images" or "shop/images".' : idTaken ? `/${newId} already exists: choose another name, or attach to it below.` : undefined;

  const save = useAction(async () => {
    let origin = state.savedOrigin;
    if (!origin) {
      const key = keyInputOf(state);
      origin = await call('origins.save', { origin: draft, ...(key ? { key } : {}) });
      update({ savedOrigin: origin });
    }
    const id = origin.config.id;
    const endpoint = mode === 'new' || !chosenExisting
      ? { id: newId, origins: [id] }
      : { ...chosenExisting.config, origins: [id, ...chosenExisting.config.origins.filter((o) => o !== id)] };
    const saved = await call('endpoints.save', mode === 'existing' && chosenExisting ? { endpoint, previousId: chosenExisting.config.id } : { endpoint });
    setResult(saved);
    refreshStatus();
  });

  if (result) {
    const base = result.url ?? (status?.url ? joinUrl(status.url, result.config.id) : `/${result.config.id}`);
    const sample = sampleOf(state.check);
    const proof = sample ? joinUrl(base, `tr:w-240/${sample}`) : undefined;
    return (
      <div className="stack" data-testid="wizard-done">
        <Notice tone="ok" title="Your bucket is live.">
          <code>gs://{state.bucket}/{state.prefix}</code> is served at this URL; add a transformation like <code>tr:w-400</code> before the file path.
        </Notice>
        <div className="url-box">
          <code data-testid="endpoint-url">{base}</code>
          <CopyButton text={base} label="Copy URL" />
        </div>
        {proof && (
          <figure className="proof">
            <img src={proof} alt={`${sample}, resized to 240 px wide by Loupe`} width={240} data-testid="proof-thumbnail" />
            <figcaption><code>{proof}</code></figcaption>
          </figure>
        )}
        <CodeBlock label="Try it with curl" code={`curl -sS -o /dev/null -D - "${proof ?? joinUrl(base, 'path/to/image.jpg')}"`} />
        <div className="row gap">
          <button type="button" className="btn btn-primary" onClick={() => navigate({ page: 'endpoints', endpoint: result.config.id })}>Open endpoint settings</button>
          <button type="button" className="btn" onClick={onDone}>Done</button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>An endpoint is the first part of a URL: <code>{status?.url ?? 'http://127.0.0.1:PORT'}/<b>{mode === 'new' ? newId || 'name' : chosenExisting?.config.id}</b>/photo.jpg</code>. Its origins are tried in order.</p>
      <fieldset className="stack">
        <legend className="sr-only">Endpoint</legend>
        <label className="radio">
          <input type="radio" name="attach" checked={mode === 'new'} onChange={() => setMode('new')} />
          <span>A new endpoint</span>
        </label>
        {mode === 'new' && (
          <Field className="indent" label="Endpoint identifier" value={newId} onValue={(v) => setNewId(v.replace(/^\/+|\/+$/g, ''))} error={idProblem} spellCheck={false}
            hint={<>URLs start with <code>/{newId}</code></>} />
        )}
        <label className="radio">
          <input type="radio" name="attach" checked={mode === 'existing'} disabled={list.length === 0} onChange={() => setMode('existing')} />
          <span>An existing endpoint{list.length === 0 ? <span className="muted small"> — none yet</span> : null}</span>
        </label>
        {mode === 'existing' && chosenExisting && (
          <div className="field indent">
            <label htmlFor="attach-existing">Endpoint</label>
            <select id="attach-existing" value={chosenExisting.config.id} onChange={(e) => setExistingId(e.target.value)}>
              {list.map((e) => <option key={e.config.id} value={e.config.id}>/{e.config.id} ({e.config.origins.join(', ')})</option>)}
            </select>
            <div className="hint">“{draft.id}” goes first in its list: {[draft.id, ...chosenExisting.config.origins.filter((o) => o !== draft.id)].join(' → ')}</div>
          </div>
        )}
      </fieldset>
      <ErrorText message={endpoints.error} />
      <div className="row gap">
        <button type="button" className="btn" onClick={onBack}>Back</button>
        <button type="button" className="btn btn-primary" disabled={save.busy || (mode === 'new' && (!newId || !!idProblem))} onClick={() => void save.run()}>
          {save.busy ? 'Saving…' : state.savedOrigin ? 'Attach' : 'Save and attach'}
        </button>
      </div>
      <ErrorText message={save.error} />
      {state.savedOrigin && !save.busy && <p className="muted small">Origin “{state.savedOrigin.config.id}” is saved.</p>}
    </div>
  );
}
