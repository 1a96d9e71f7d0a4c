// The HTTP delivery server: one handler over deliver(), errors turned into ImageKit-style responses,
// every request recorded in the activity log, and a graceful stop that lets in-flight requests finish.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withRequestHost } from '../origins/request-host.ts';
import type { ActivityLog } from './activity.ts';
import { deliver, type DeliveryContext, type DeliveryRecord } from './deliver.ts';
import { HotResponses, sendHot } from './hot-responses.ts';
import { sendError } from './respond.ts';
import { Timings } from './timings.ts';

export { resolveUrl } from './resolve-url.ts';
export { HotResponses } from './hot-responses.ts';
export { createActivityLog, type ActivityLog, type ActivityRecord } from './activity.ts';
export { createSourceStore, type SourceStore } from './sources.ts';
export { signUrl, verifySignedUrl } from './signing.ts';
export type { DeliveryContext } from './deliver.ts';
export type { OriginAttempt } from './locate.ts';

export interface DeliveryServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting connections, waits for in-flight requests, then closes idle keep-alive sockets. */
  close(): Promise<void>;
}

export function createDeliveryServer(ctx: DeliveryContext, activity: ActivityLog): DeliveryServer {
  const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 120_000 }, (req, res) => {
    if (HotResponses.eligible(req)) {
      const started = performance.now();
      const hot = ctx.hot.lookup(req, ctx.config.images.avif, (id) => ctx.cache.touch(id));
      if (hot) {
        const status = sendHot(req, res, hot, started);
        ctx.cache.count(true);
        const r = hot.record;
        activity.add({
          time: new Date().toISOString(), method: req.method ?? 'GET', url: req.url ?? '/', endpoint: r.endpoint, path: r.path, chain: r.chain,
          attempts: r.attempts, origin: r.origin, cache: 'hit', format: r.format, width: r.width, height: r.height, status,
          bytes: status === 200 && req.method === 'GET' ? hot.body.length : 0, ms: Math.round((performance.now() - started) * 10) / 10,
        });
        return;
      }
    }
    const timings = new Timings();
    const record: DeliveryRecord = { attempts: [] };
    const time = new Date().toISOString();
    let error: { code: string; message: string } | undefined;
    res.setHeader('x-loupe-cache', 'miss');
    res.on('close', () => {
      activity.add({
        time, method: req.method ?? 'GET', url: req.url ?? '/', ...record, status: res.statusCode,
        bytes: Number(res.getHeader('content-length') ?? 0), ms: Math.round(timings.total() * 10) / 10, ...(error ? { error } : {}),
      });
    });
    // AsyncLocalStorage costs every promise of the request: only pay for it when an origin needs the Host.
    const work = ctx.config.origins.some((o) => o.type === 'web' && o.forwardHost)
      ? withRequestHost(req.headers.host, () => deliver(ctx, req, res, timings, record))
      : deliver(ctx, req, res, timings, record);
    work.then(() => undefined, (e: unknown) => {
        error = sendError(req, res, e, timings).toData();
      });
  });
  // A malformed request line must not take the process down; answer 400 and close.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve({ host: addr.address, port: addr.port, url: `http://${shown}:${addr.port}` });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Keep-alive sockets that turn idle after their last response are closed as they go idle.
        const timer = setInterval(() => server.closeIdleConnections(), 100);
        server.once('close', () => clearInterval(timer));
      });
    },
  };
}
