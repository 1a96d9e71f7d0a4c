// The app shell: navigation (Origins, Endpoints, Activity, Settings), the server status, the page.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ServerStatus } from '../../shared/contract.ts';
import { call } from './api/client.ts';
import { messageOf, useEvent } from './api/hooks.ts';
import { AppContext, type Page, type Route } from './app-context.ts';
import { CopyButton } from './components/copy-button.tsx';
import { ActivityPage } from './pages/activity-page.tsx';
import { EndpointsPage } from './pages/endpoints-page.tsx';
import { OriginsPage } from './pages/origins-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';

const NAV: { page: Page; label: string; icon: string }[] = [
  { page: 'origins', label: 'Origins', icon: '◫' },
  { page: 'endpoints', label: 'Endpoints', icon: '⇢' },
  { page: 'activity', label: 'Activity', icon: '≋' },
  { page: 'settings', label: 'Settings', icon: '⚙' },
];

export function App() {
  const [route, setRoute] = useState<Route>({ page: 'origins' });
  const [status, setStatus] = useState<ServerStatus>();
  const [statusError, setStatusError] = useState<string>();
  const mainRef = useRef<HTMLElement>(null);

  const refreshStatus = useCallback(() => {
    call('server.status').then((s) => {
      setStatus(s);
      setStatusError(undefined);
    }, (e) => setStatusError(messageOf(e)));
  }, []);
  useEffect(refreshStatus, [refreshStatus]);
  useEvent('server.changed', setStatus);

  const navigate = useCallback((next: Route) => {
    setRoute(next);
    // Move focus to the new page's heading, as a page load would.
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, []);

  const context = useMemo(() => ({ status, route, navigate, refreshStatus }), [status, route, navigate, refreshStatus]);

  return (
    <AppContext.Provider value={context}>
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          <div className="sidebar-inner">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">◎</span> Loupe
          </div>
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <button type="button" className="nav-item" aria-current={route.page === n.page ? 'page' : undefined} onClick={() => navigate({ page: n.page })}>
                  <span className="nav-icon" aria-hidden="true">{n.icon}</span>
                  {n.label}
                </button>
              </li>
            ))}
          </ul>
          <div className="server-pill" role="status">
            {status?.running && status.url ? (
              <>
                <span><span className="dot dot-ok" aria-hidden="true" /> Serving at</span>
                <code className="server-url">{status.url}</code>
                <CopyButton text={status.url} label="Copy URL" />
              </>
            ) : statusError ? (
              <span className="error-text">{statusError}</span>
            ) : (
              <>
                <span><span className="dot" aria-hidden="true" /> {status ? 'Server stopped' : 'Connecting…'}</span>
              </>
            )}
          </div>
          </div>
        </nav>
        <main className="main" ref={mainRef}>
          {route.page === 'origins' && <OriginsPage />}
          {route.page === 'endpoints' && <EndpointsPage />}
          {route.page === 'activity' && <ActivityPage />}
          {route.page === 'settings' && <SettingsPage />}
        </main>
      </div>
    </AppContext.Provider>
  );
}
