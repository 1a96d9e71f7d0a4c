// Vite builds the renderer (renderer/ → dist/renderer/). `base: './'` makes every asset URL relative,
// so one build works under the desktop app's app://bundle/ and under the browser studio's http://127.0.0.1:PORT/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The page runs under a strict CSP (script-src 'self'): never inline scripts or assets as data: URLs that
    // would need more than img-src data:.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
