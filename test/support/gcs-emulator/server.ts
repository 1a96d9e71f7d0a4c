// startGcsEmulator: a loopback-only HTTP server speaking the GCS JSON API subset the Node SDK uses
// (gcs-json-api.md §8), with seeding, per-bucket IAM, fault injection and a request log for tests.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { callerEmail, issueToken } from './auth.ts';
import type { Ctx } from './context.ts';
import { sendJsonError, sendTextError } from './errors.ts';
import { createFaults } from './faults.ts';
import { deleteObject, getBucket, getObject, insertBucket, listObjectsRoute, patchObject, testPermissions } from './handlers.ts';
import { matchRoute } from './routes.ts';
import { createStore, objectResource, seedFromDir } from './store.ts';
import type { GcsEmulator, GcsEmulatorOptions, GcsRequestLogEntry } from './types.ts';
import { createUploads } from './uploads.ts';

const LOOPBACK = '127.0.0.1';

export async function startGcsEmulator(options: GcsEmulatorOptions = {}): Promise<GcsEmulator> {
  // The emulator has no auth and may serve a user's folder: anything but IPv4 loopback is refused outright.
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`gcs-emulator: host must be ${LOOPBACK}, got ${JSON.stringify(options.host)} (it serves unauthenticated data)`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`gcs-emulator: invalid port ${String(port)}`);
  const fallbackCaller = options.clientEmail ?? 'loupe-test@loupe-test.iam.gserviceaccount.com';

  const store = createStore();
  for (const [name, b] of Object.entries(options.buckets ?? {})) {
    store.ensureBucket(name, b.iam);
    if (b.dir) await seedFromDir(b.dir, (key, data) => void store.put(name, key, data));
  }
  const faults = createFaults();
  const uploads = createUploads();
  const requests: GcsRequestLogEntry[] = [];
  let baseUrl = '';
  let allowedHosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    const qi = raw.indexOf('?');
    const path = qi < 0 ? raw : raw.slice(0, qi);
    const query = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
    const method = req.method ?? 'GET';
    const entry: GcsRequestLogEntry = { method, path, query, op: null, headers: { ...req.headers } };
    requests.push(entry);
    // 'finish' for completed responses; 'close' also covers dropped and cut sockets (0 = no status sent).
    res.on('finish', () => void (entry.status = res.statusCode));
    res.on('close', () => void (entry.status ??= res.headersSent ? res.statusCode : 0));

    // DNS-rebinding guard: a web page resolving its own name to 127.0.0.1 must not read the buckets.
    if (!allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) {
      req.resume();
      return sendJsonError(res, 403, `gcs-emulator: Host ${JSON.stringify(req.headers.host ?? '')} refused; use ${baseUrl}`);
    }
    const route = matchRoute(method, path, query);
    if (route === null || 'error' in route) {
      req.resume();
      if (route) return sendJsonError(res, 400, route.error);
      return sendJsonError(res, 501, `gcs-emulator: ${method} ${path} is not emulated`);
    }
    entry.op = route.op;
    if (route.bucket !== undefined) entry.bucket = route.bucket;
    if (route.object !== undefined) entry.object = route.object;

    const body = await readBody(req);
    const effects = faults.take(route);
    if (effects.delayMs > 0) await new Promise((r) => setTimeout(r, effects.delayMs));
    if (effects.drop) {
      req.socket.destroy();
      return;
    }
    const media = route.op === 'objects.media';
    if (effects.status) {
      const { status, message } = effects.status;
      return media ? sendTextError(res, status, message) : sendJsonError(res, status, message);
    }

    const ctx: Ctx = {
      req, res, query, body, store, baseUrl,
      bucket: route.bucket ?? '',
      object: route.object,
      caller: callerEmail(req, fallbackCaller),
    };
    switch (route.op) {
      case 'oauth.token': return issueToken(ctx);
      case 'buckets.insert': return insertBucket(ctx);
      case 'buckets.get': return getBucket(ctx);
      case 'buckets.testIamPermissions': return testPermissions(ctx);
      case 'objects.list': return listObjectsRoute(ctx);
      case 'objects.get': return getObject(ctx, effects, false);
      case 'objects.media': return getObject(ctx, effects, true);
      case 'objects.patch': return patchObject(ctx);
      case 'objects.delete': return deleteObject(ctx);
      case 'objects.insert': return uploads.insert(ctx);
      case 'uploads.start': return uploads.start(ctx);
      case 'uploads.put': return uploads.put(ctx);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Malformed input must surface as a 4xx/5xx the test can read, never as a crashed emulator.
      if (res.headersSent) return void res.destroy();
      const bad = err instanceof SyntaxError || (err as { code?: string }).code === 'Z_DATA_ERROR';
      sendJsonError(res, bad ? 400 : 500, err instanceof Error ? err.message : String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  baseUrl = `http://${LOOPBACK}:${actualPort}`;
  allowedHosts = new Set([`${LOOPBACK}:${actualPort}`, `localhost:${actualPort}`]);

  return {
    url: baseUrl,
    port: actualPort,
    requests,
    seed: (bucket, name, data, meta) => {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
      return objectResource(store.put(bucket, name, buf, meta), bucket, baseUrl);
    },
    setIam: (bucket, perms) => void store.ensureBucket(bucket, perms),
    inject: faults.inject,
    clearFaults: faults.clear,
    // Idempotent: tests that stop the emulator mid-way ("GCS is offline") still close it in afterAll.
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        // The SDK keeps sockets alive; without this close() would wait for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  // fake-gcs-server inflates gzip request bodies; an SDK sending Content-Encoding: gzip expects that.
  return req.headers['content-encoding'] === 'gzip' && body.length ? gunzipSync(body) : body;
}
