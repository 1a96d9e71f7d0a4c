// Step 4: drop (or pick, or paste) the JSON key; validated at once by the core with a specific message.
// Afterwards only client_email, project_id and private_key_id are shown, never the private key.

import { useEffect, useId, useState, type DragEvent } from 'react';
import type { SettingsView } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { useAction, useResource } from '../api/hooks.ts';
import { ErrorText, Notice } from '../components/feedback.tsx';
import type { StepProps } from './gcs-wizard.tsx';

export function StepKey({ state, update }: StepProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [paste, setPaste] = useState('');
  const settings = useResource('settings.get');

  const validate = useAction(async (json: string, fileName?: string) => {
    setProblem(undefined);
    const r = await call('origins.validateKey', { json });
    if (!r.ok) {
      setProblem(r.message);
      update({ key: undefined, check: undefined });
      return;
    }
    update({ key: { json, summary: r.summary, warnings: r.warnings, ...(fileName ? { fileName } : {}) }, check: undefined });
  });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 256 * 1024) {
      setProblem('This file is too large to be a key. Drop the .json file downloaded from Google Cloud.');
      return;
    }
    await validate.run(await file.text(), file.name);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void readFile(e.dataTransfer.files[0]);
  };

  const key = state.key;
  return (
    <div className="stack">
      <p>Drop the key file you downloaded in step 2. It is checked on this computer at once; it is only stored when you save at the end.</p>
      {!key && (
        <>
          <div
            className={`drop-zone ${dragging ? 'is-dragging' : ''} ${problem ? 'is-error' : ''}`}
            data-testid="key-drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            aria-describedby={problem ? `${inputId}-problem` : undefined}
          >
            <div className="drop-icon" aria-hidden="true">⤓</div>
            <p><strong>Drop the JSON key here</strong></p>
            <p className="muted">or</p>
            <label className="btn" htmlFor={inputId}>Choose key file…</label>
            <input id={inputId} className="visually-hidden-input" type="file" accept=".json,application/json" aria-label="Service-account key file (.json)"
              onChange={(e) => {
                void readFile(e.target.files?.[0]);
                e.target.value = '';
              }} />
            {validate.busy && <p className="muted" role="status">Checking the key…</p>}
          </div>
          <ErrorText id={`${inputId}-problem`} message={problem ?? validate.error} />
          <details className="advanced">
            <summary>Paste the key instead</summary>
            <p className="muted small">Files are safer: copying a key through an editor can break its line breaks.</p>
            <textarea className="paste-area" value={paste} onChange={(e) => setPaste(e.target.value)} rows={5} aria-label="Key JSON" spellCheck={false} />
            <button type="button" className="btn btn-small" disabled={!paste.trim() || validate.busy} onClick={() => void validate.run(paste)}>Check pasted key</button>
          </details>
        </>
      )}
      {key && (
        <div className="key-summary" data-testid="key-summary">
          <div className="row between">
            <strong><span className="ok-text" aria-hidden="true">✓ </span>Valid service-account key{key.fileName ? ` (${key.fileName})` : ''}</strong>
            <button type="button" className="btn btn-small" onClick={() => update({ key: undefined, storage: undefined, check: undefined })}>Use another key</button>
          </div>
          <dl className="meta">
            <dt>client_email</dt><dd><code>{key.summary.client_email}</code></dd>
            <dt>project_id</dt><dd><code>{key.summary.project_id || '—'}</code></dd>
            <dt>private_key_id</dt><dd><code>{key.summary.private_key_id || '—'}</code></dd>
          </dl>
          {key.warnings.map((w) => <p key={w} className="warn-text">⚠ {w}</p>)}
        </div>
      )}
      {key && <StorageChoice settings={settings.data} error={settings.error} state={state} update={update} />}
    </div>
  );
}

function StorageChoice({ settings, error, state, update }: { settings: SettingsView | undefined; error: string | undefined } & Pick<StepProps, 'state' | 'update'>) {
  const protectedAtRest = settings?.secrets.protectedAtRest;
  // With a keychain there is nothing to ask: default to storing the key (encrypted).
  useEffect(() => {
    if (protectedAtRest && state.storage === undefined) update({ storage: 'persisted' });
  }, [protectedAtRest, state.storage, update]);
  if (error) return <ErrorText message={`Could not read how secrets are stored: ${error}`} />;
  if (!settings) return <p className="muted" role="status">Checking how keys are stored on this computer…</p>;
  const choose = (storage: 'persisted' | 'session') => update({ storage, check: undefined });
  return (
    <fieldset className="storage-choice">
      <legend>Where should Loupe keep this key?</legend>
      {protectedAtRest ? (
        <p className="muted">Stored keys are encrypted with this computer's keychain ({settings.secrets.backend}).</p>
      ) : (
        <Notice tone="warn" title="This computer cannot protect the key at rest.">
          No keychain is available ({settings.secrets.backend}), so a stored key would be saved <b>unencrypted</b> in {settings.dataDir}. Anyone who can read
          that folder could use it to read your bucket.
        </Notice>
      )}
      <label className="radio">
        <input type="radio" name="key-storage" checked={state.storage === 'persisted'} onChange={() => choose('persisted')} />
        <span>{protectedAtRest ? 'Store the key (encrypted)' : 'Store it unprotected anyway'}<span className="muted small"> — keeps working after a restart</span></span>
      </label>
      <label className="radio">
        <input type="radio" name="key-storage" checked={state.storage === 'session'} onChange={() => choose('session')} />
        <span>Keep it for this session only<span className="muted small"> — nothing is written to disk; add the key again after Loupe restarts</span></span>
      </label>
    </fieldset>
  );
}
