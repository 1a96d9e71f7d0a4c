// "Explain a URL": paste any URL, see the endpoint, transformation and origins it resolves to, and
// what each origin answered, with one summary sentence.

import { useState } from 'react';
import type { UrlExplanation } from '../../../shared/contract.ts';
import { call } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { AttemptsList } from '../components/attempts.tsx';
import { ErrorText } from '../components/feedback.tsx';

export function ExplainBox() {
  const { status } = useApp();
  const [url, setUrl] = useState('');
  const [result, setResult] = useState<UrlExplanation>();
  const explain = useAction(async () => setResult(await call('endpoints.explain', { url: url.trim() })));
  return (
    <section className="panel stack explain-box" aria-labelledby="explain-title">
      <div>
        <h2 id="explain-title" className="section-title no-margin">Explain a URL</h2>
        <p className="muted small">Paste any delivery URL to see how Loupe resolves it, without transforming anything.</p>
      </div>
      <form className="row gap-sm" onSubmit={(e) => {
        e.preventDefault();
        if (url.trim()) void explain.run();
      }}>
        <label htmlFor="explain-url" className="sr-only">URL to explain</label>
        <input id="explain-url" className="grow" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={`${status?.url ?? 'http://127.0.0.1:3210'}/${status?.endpoints[0]?.id ?? 'images'}/tr:w-300/photo.jpg`} spellCheck={false} />
        <button type="submit" className="btn" disabled={!url.trim() || explain.busy}>{explain.busy ? 'Explaining…' : 'Explain'}</button>
      </form>
      <ErrorText message={explain.error} />
      {result && (
        <div className="stack" data-testid="explanation">
          <p className={`summary ${result.status < 400 ? 'ok-text' : 'error-text'}`} role="status">
            <span className={`status-chip status-${Math.floor(result.status / 100)}xx`}>{result.status}</span> {result.summary}
          </p>
          <dl className="meta">
            <dt>Endpoint</dt><dd>{result.endpoint !== undefined ? <code>/{result.endpoint}</code> : <span className="muted">none matches</span>}</dd>
            {result.key !== undefined && (<><dt>File path</dt><dd><code>{result.key}</code></dd></>)}
            <dt>Transformation</dt><dd>{result.transformation ? <code>{result.transformation}</code> : <span className="muted">none (original)</span>}</dd>
            {result.signedUrlRequired && (<><dt>Signed URL</dt><dd>required</dd></>)}
            {result.servedBy && (<><dt>Served by</dt><dd><strong>{result.servedBy}</strong></dd></>)}
            {result.error && (<><dt>Error</dt><dd className="error-text">{result.error.code}: {result.error.message}</dd></>)}
          </dl>
          <AttemptsList attempts={result.attempts} servedBy={result.servedBy} />
        </div>
      )}
    </section>
  );
}
