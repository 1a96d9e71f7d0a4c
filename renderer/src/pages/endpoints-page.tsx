// Endpoints: identifier → ordered origins. A list, the selected endpoint's editor, and "explain a URL".

import { useEffect, useState } from 'react';
import { useResource } from '../api/hooks.ts';
import { useApp } from '../app-context.ts';
import { EmptyState, ErrorText, Loading } from '../components/feedback.tsx';
import { EndpointEditor } from './endpoint-editor.tsx';
import { ExplainBox } from './explain-box.tsx';

const NEW = '\u0000new';

export function EndpointsPage() {
  const { route, navigate } = useApp();
  const endpoints = useResource('endpoints.list');
  const origins = useResource('origins.list');
  const [selected, setSelected] = useState<string | undefined>(route.endpoint);
  const list = endpoints.data ?? [];

  useEffect(() => {
    if (selected === undefined && list[0]) setSelected(list[0].config.id);
  }, [list, selected]);

  const current = selected === NEW ? undefined : list.find((e) => e.config.id === selected);
  const noOrigins = origins.data !== undefined && origins.data.length === 0;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1}>Endpoints</h1>
          <p className="muted">An endpoint is the first part of a URL, <code>/&lt;endpoint&gt;/tr:w-300/photo.jpg</code>, and the ordered list of origins it tries.</p>
        </div>
        {list.length > 0 && <button type="button" className="btn" onClick={() => setSelected(NEW)} disabled={noOrigins}>New endpoint</button>}
      </header>
      <ErrorText message={endpoints.error ?? origins.error} />
      {endpoints.loading && !endpoints.data && <Loading />}
      {endpoints.data && list.length === 0 && selected !== NEW && (
        noOrigins ? (
          <EmptyState title="No endpoints yet" action={<button type="button" className="btn btn-primary" onClick={() => navigate({ page: 'origins', mode: 'gcs' })}>Connect your first bucket</button>}>
            Add an origin first: an endpoint serves the files of one or more origins.
          </EmptyState>
        ) : (
          <EmptyState title="No endpoints yet" action={<button type="button" className="btn btn-primary" onClick={() => setSelected(NEW)}>Create an endpoint</button>}>
            Create one to serve your origins at a URL.
          </EmptyState>
        )
      )}
      {(list.length > 0 || selected === NEW) && (
        <div className="split">
          <nav aria-label="Endpoints" className="endpoint-list">
            <ul>
              {list.map((e) => (
                <li key={e.config.id}>
                  <button type="button" className="list-item" aria-current={e.config.id === selected ? 'true' : undefined} onClick={() => setSelected(e.config.id)}>
                    <strong>/{e.config.id}</strong>
                    <span className="muted small">{e.config.origins.join(' → ')}</span>
                  </button>
                </li>
              ))}
              {selected === NEW && <li><span className="list-item is-draft" aria-current="true"><strong>New endpoint</strong></span></li>}
            </ul>
          </nav>
          <EndpointEditor
            key={selected ?? ''}
            endpoint={current}
            origins={origins.data ?? []}
            taken={list.map((e) => e.config.id)}
            onSaved={async (id) => {
              await endpoints.reload();
              setSelected(id);
            }}
            onRemoved={async () => {
              setSelected(undefined);
              await endpoints.reload();
            }}
          />
        </div>
      )}
      <ExplainBox />
    </div>
  );
}
