// Entry point: take the studio token out of the address bar before anything renders, then mount.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api/client.ts';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

getClient();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
