// Settings: delivery server, image defaults and limits, cache usage and purge, config import/export.

import { useEffect, useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../shared/contract.ts';
import { ApiError, call } from '../api/client.ts';
import { useAction, useResource } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { ErrorText, Loading, Notice } from '../components/feedback.tsx';
import { Field, Toggle } from '../components/field.tsx';
import { CacheSection } from './cache-section.tsx';
import { ConfigSection } from './config-section.tsx';

const MB = 1024 * 1024;

interface Draft {
  port: string; cacheControl: string; cacheMb: string;
  autoFormat: boolean; avif: boolean; quality: string;
  maxMp: string; maxInputMb: string; maxOutputDimension: string; maxChainSteps: string;
}

function toDraft(s: SettingsView): Draft {
  return {
    port: String(s.server.port), cacheControl: s.server.cacheControl, cacheMb: String(Math.round(s.cache.maxBytes / MB)),
    autoFormat: s.images.autoFormat, avif: s.images.avif, quality: String(s.images.defaultQuality),
    maxMp: String(s.images.maxInputPixels / 1e6), maxInputMb: String(Math.round(s.images.maxInputBytes / MB)),
    maxOutputDimension: String(s.images.maxOutputDimension), maxChainSteps: String(s.images.maxChainSteps),
  };
}

/** Only what the user changed: a value set elsewhere (e.g. --port) is not written back by accident. */
function toPatch(d: Draft, base: Draft): SettingsPatch {
  const changed = (k: keyof Draft) => d[k] !== base[k];
  const pick = <T extends object>(entries: [keyof Draft, keyof T, unknown][]) =>
    Object.fromEntries(entries.filter(([k]) => changed(k)).map(([, key, value]) => [key, value])) as Partial<T>;
  const server = pick<SettingsView['server']>([['port', 'port', Number(d.port)], ['cacheControl', 'cacheControl', d.cacheControl]]);
  const cache = pick<SettingsView['cache']>([['cacheMb', 'maxBytes', Math.round(Number(d.cacheMb) * MB)]]);
  const images = pick<SettingsView['images']>([
    ['autoFormat', 'autoFormat', d.autoFormat], ['avif', 'avif', d.avif], ['quality', 'defaultQuality', Number(d.quality)],
    ['maxMp', 'maxInputPixels', Math.round(Number(d.maxMp) * 1e6)], ['maxInputMb', 'maxInputBytes', Math.round(Number(d.maxInputMb) * MB)],
    ['maxOutputDimension', 'maxOutputDimension', Number(d.maxOutputDimension)], ['maxChainSteps', 'maxChainSteps', Number(d.maxChainSteps)],
  ]);
  return {
    ...(Object.keys(server).length ? { server } : {}),
    ...(Object.keys(cache).length ? { cache } : {}),
    ...(Object.keys(images).length ? { images } : {}),
  };
}

export function SettingsPage() {
  const { status, refreshStatus } = useApp();
  const settings = useResource('settings.get');
  const [view, setView] = useState<SettingsView>();
  const [draft, setDraft] = useState<Draft>();
  const [fieldError, setFieldError] = useState<{ field: string; message: string }>();
  const [savedAt, setSavedAt] = useState<string>();
  useEffect(() => {
    if (settings.data) {
      setView(settings.data);
      setDraft(toDraft(settings.data));
    }
  }, [settings.data]);

  const save = useAction(async (d: Draft, base: Draft) => {
    setFieldError(undefined);
    try {
      const next = await call('settings.update', toPatch(d, base));
      setView(next);
      setDraft(toDraft(next));
      setSavedAt(new Date().toLocaleTimeString());
      refreshStatus();
    } catch (e) {
      if (e instanceof ApiError && typeof e.details?.field === 'string') setFieldError({ field: e.details.field, message: e.message });
      throw e;
    }
  });

  if (settings.error) return <div className="page"><h1 tabIndex={-1}>Settings</h1><ErrorText message={settings.error} /></div>;
  if (!draft || !view) return <div className="page"><h1 tabIndex={-1}>Settings</h1><Loading /></div>;
  const s = view;
  const livePort = status?.url ? new URL(status.url).port : undefined;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const err = (...fields: string[]) => (fieldError && fields.some((f) => fieldError.field.endsWith(f)) ? fieldError.message : undefined);
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(s));

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Settings</h1>
          <p className="muted">Data folder: <code>{s.dataDir}</code></p>
        </div>
      </header>
      <form className="settings-grid" onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft, toDraft(s));
      }}>
        <section className="panel stack" aria-labelledby="set-server">
          <h2 id="set-server" className="section-title no-margin">Delivery server</h2>
          <Field label="Port" type="number" min={0} max={65535} value={draft.port} onValue={(v) => set({ port: v })} error={err('server.port', 'port')}
            hint={livePort && livePort !== String(s.server.port)
              ? <>Listening on <code>{s.server.host}:{livePort}</code> (set at start with --port). Saving a different port here moves the server to it now.</>
              : <>Listening on <code>{s.server.host}</code>. Apps using the old port must be updated after a change.</>} />
          <Field label="Cache-Control for delivered images" value={draft.cacheControl} onValue={(v) => set({ cacheControl: v })} error={err('cacheControl')} spellCheck={false} />
        </section>
        <section className="panel stack" aria-labelledby="set-images">
          <h2 id="set-images" className="section-title no-margin">Images</h2>
          <Toggle label="Choose the best format automatically (f-auto)" checked={draft.autoFormat} onChange={(v) => set({ autoFormat: v })}
            hint="WebP or AVIF when the browser accepts them, if the URL names no format." />
          <Toggle label="Serve AVIF" checked={draft.avif} onChange={(v) => set({ avif: v })} hint="Smaller files, but encoding is much slower on a cache miss." />
          <Field label="Default quality (1–100)" type="number" min={1} max={100} value={draft.quality} onValue={(v) => set({ quality: v })} error={err('defaultQuality')} />
        </section>
        <section className="panel stack" aria-labelledby="set-limits">
          <h2 id="set-limits" className="section-title no-margin">Limits</h2>
          <div className="two-col tight">
            <Field label="Max input size (megapixels)" type="number" min={1} step="any" value={draft.maxMp} onValue={(v) => set({ maxMp: v })} error={err('maxInputPixels')} />
            <Field label="Max input file (MB)" type="number" min={1} value={draft.maxInputMb} onValue={(v) => set({ maxInputMb: v })} error={err('maxInputBytes')} />
            <Field label="Max output width/height (px)" type="number" min={1} value={draft.maxOutputDimension} onValue={(v) => set({ maxOutputDimension: v })} error={err('maxOutputDimension')} />
            <Field label="Max transformation steps" type="number" min={1} value={draft.maxChainSteps} onValue={(v) => set({ maxChainSteps: v })} error={err('maxChainSteps')} />
          </div>
          <Field label="Cache size limit (MB)" type="number" min={1} value={draft.cacheMb} onValue={(v) => set({ cacheMb: v })} error={err('cache.maxBytes', 'maxBytes')}
            hint="The least recently used files are removed beyond this." />
        </section>
        <div className="settings-save row gap">
          <button type="submit" className="btn btn-primary" disabled={!dirty || save.busy}>{save.busy ? 'Saving…' : 'Save settings'}</button>
          {dirty ? <button type="button" className="btn" onClick={() => setDraft(toDraft(s))}>Discard changes</button> : savedAt && <span className="ok-text small" role="status">✓ Saved at {savedAt}</span>}
          <ErrorText message={!fieldError ? save.error : undefined} />
        </div>
      </form>
      <CacheSection maxBytes={s.cache.maxBytes} />
      <section className="panel stack" aria-labelledby="set-secrets">
        <h2 id="set-secrets" className="section-title no-margin">Secrets</h2>
        {s.secrets.protectedAtRest
          ? <p>Keys are encrypted at rest ({s.secrets.backend}).</p>
          : <Notice tone="warn" title="Secrets are not encrypted at rest.">Stored keys are kept unprotected in the data folder ({s.secrets.backend}). Prefer session-only keys on this machine.</Notice>}
        <p className="muted small">URL signing key: {s.signing.hasPrivateKey ? 'set' : 'not set'}.</p>
      </section>
      <ConfigSection onImported={() => {
        void settings.reload();
        refreshStatus();
      }} />
    </div>
  );
}
