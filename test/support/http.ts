// A tiny HTTP client for tests: raw request-targets (no URL normalisation) and any Host header.

import http from 'node:http';

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function request(base: string, target: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<TestResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: target, method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Absolute URL → request, for URLs built by the ImageKit SDKs. */
export function get(url: string, headers: Record<string, string> = {}): Promise<TestResponse> {
  const u = new URL(url);
  // Keep the SDK's exact path and query bytes: URL parsing above only finds the origin.
  const target = url.slice(u.origin.length);
  return request(u.origin, target, { headers });
}
