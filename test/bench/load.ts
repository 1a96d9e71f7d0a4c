// The closed-loop load generator (a fixed number of workers, each issuing its next request when the
// previous one ends), bounded by a request count AND a deadline; a small keep-alive HTTP client; stats.

import http from 'node:http';

export interface LoadResult {
  /** Completed tasks (successful or not). */
  count: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  /** Per-task latency in ms, successful tasks only. */
  latencies: number[];
  /** True when the deadline stopped the run before `total` tasks. */
  cut: boolean;
}

export interface LoadOptions {
  concurrency: number;
  total: number;
  deadlineMs: number;
  /** One unit of work; `i` is the request number (0-based), used to pick a distinct variant. */
  task: (i: number) => Promise<void>;
}

export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  let cut = false;
  const started = performance.now();
  const deadline = started + o.deadlineMs;
  const worker = async (): Promise<void> => {
    while (next < o.total) {
      if (performance.now() > deadline) {
        cut = true;
        return;
      }
      const i = next++;
      const t = performance.now();
      try {
        await o.task(i);
        latencies.push(performance.now() - t);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const r: LoadResult = { count: latencies.length + errors, errors, wallMs: performance.now() - started, latencies, cut };
  if (firstError !== undefined) r.firstError = firstError;
  return r;
}

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  n: number;
  errors: number;
  cut: boolean;
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function summarize(r: LoadResult): Summary {
  return {
    rps: (r.latencies.length / r.wallMs) * 1000,
    p50: percentile(r.latencies, 0.5),
    p99: percentile(r.latencies, 0.99),
    n: r.latencies.length,
    errors: r.errors,
    cut: r.cut,
  };
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET over `agent` (keep-alive); rejects on a socket error or after `timeoutMs`. Loopback only. */
export function httpGet(agent: http.Agent | false, url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<HttpResponse> {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') return Promise.reject(new Error(`bench: refusing a non-loopback URL ${url}`));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** Parses `Server-Timing: origin;dur=1.0, transform;dur=80.2, total;dur=82.0` into { origin: 1, ... }. */
export function serverTiming(header: string | string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const m = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}
