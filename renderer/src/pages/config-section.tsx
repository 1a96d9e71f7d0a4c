// Import/export the config file (never with secrets: keys and the signing key stay on this machine).

import { useId, useState } from 'react';
import { call } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { ErrorText } from '../components/feedback.tsx';

export function ConfigSection({ onImported }: { onImported(): void }) {
  const inputId = useId();
  const [note, setNote] = useState<string>();
  const exportConfig = useAction(async () => {
    const { config } = await call('config.export');
    const blob = new Blob([`${JSON.stringify(config, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `loupe-config-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    setNote('Exported. Keys are not included: add them again after importing elsewhere.');
  });
  const importConfig = useAction(async (file: File) => {
    let config: unknown;
    try {
      config = JSON.parse(await file.text());
    } catch {
      throw new Error(`${file.name} is not valid JSON.`);
    }
    const r = await call('config.import', { config });
    setNote(`Imported ${file.name}: ${r.origins} origin${r.origins === 1 ? '' : 's'}, ${r.endpoints} endpoint${r.endpoints === 1 ? '' : 's'}.`);
    onImported();
  });
  return (
    <section className="panel stack" aria-labelledby="set-config">
      <div>
        <h2 id="set-config" className="section-title no-margin">Configuration file</h2>
        <p className="muted small">The same JSON as <code>loupe serve --config</code>. Importing replaces all origins, endpoints and settings; an invalid file changes nothing.</p>
      </div>
      <div className="row gap">
        <button type="button" className="btn" onClick={() => void exportConfig.run()} disabled={exportConfig.busy}>Export config…</button>
        <label className="btn" htmlFor={inputId}>Import config…</label>
        <input id={inputId} className="visually-hidden-input" type="file" accept=".json,application/json" aria-label="Config file to import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            setNote(undefined);
            if (f) void importConfig.run(f);
          }} />
      </div>
      <ErrorText message={exportConfig.error ?? importConfig.error} />
      {note && <p className="ok-text small" role="status">✓ {note}</p>}
    </section>
  );
}
