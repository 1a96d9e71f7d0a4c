// One web-origin request: redirects followed by hand (each hop re-checked to stay http(s), at most 3),
// a connect/idle timeout per hop and one overall deadline, so a misbehaving server cannot hang a delivery.

import http from 'node:http';
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import net from 'node:net';
import { LoupeError } from '../../../shared/errors.ts';

export const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The moment a whole origin call (every hop and, for reads, the body) must be done by. */
export interface Deadline {
  at: number;
  ms: number;
}

export interface WebRequestOptions {
  method: 'GET' | 'HEAD';
  /** Sent to every hop (user agent, x-req-from, Range...). */
  headers: Record<string, string>;
  /**
   * Sent only while a hop stays on the configured host (same host name, no https→http downgrade):
   * configured headers often carry credentials, and a forwarded Host means nothing to another server.
   */
  trustedHeaders: Record<string, string>;
  trustedBase: URL;
  /** Connect and idle (no bytes) timeout of each hop. */
  timeoutMs: number;
  deadline: Deadline;
  signal?: AbortSignal;
}

export interface WebResponse {
  req: ClientRequest;
  res: IncomingMessage;
  /** The URL that finally answered (after redirects). */
  url: URL;
}

/** Shows a URL without its password, for messages and `describe()`. */
export function displayUrl(url: URL | string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

/** An ORIGIN_UNREACHABLE error; `cause` is a stable code (`ECONNREFUSED`, `timeout`...) check() turns into a hint. */
export function unreachable(message: string, url: URL | string, cause: string): LoupeError {
  return new LoupeError('ORIGIN_UNREACHABLE', message, { url: displayUrl(url), cause });
}

export function originError(message: string, url: URL | string, extra: Record<string, unknown> = {}): LoupeError {
  return new LoupeError('ORIGIN_ERROR', message, { url: displayUrl(url), ...extra });
}

export function deadlineError(url: URL | string, deadline: Deadline, what: string): LoupeError {
  return unreachable(`${displayUrl(url)} did not finish ${what} within the ${deadline.ms} ms deadline`, url, 'timeout');
}

/** Sends one request and follows up to MAX_REDIRECTS redirects; resolves once final headers arrive. */
export async function webRequest(start: URL, o: WebRequestOptions): Promise<WebResponse> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const headers = { ...o.headers, ...(isTrusted(url, o.trustedBase) ? o.trustedHeaders : {}) };
    const { req, res } = await requestOnce(url, headers, o);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (!REDIRECT_STATUSES.has(status) || !location) return { req, res, url };
    res.destroy();
    const shown = location.length > 200 ? `${location.slice(0, 200)}…` : location;
    if (hop >= MAX_REDIRECTS) {
      throw originError(`${displayUrl(start)} redirected more than ${MAX_REDIRECTS} times (redirect ${hop + 1}: ${displayUrl(url)} → "${shown}")`, start, { status });
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw originError(`Redirect ${hop + 1} from ${displayUrl(url)} has an invalid Location "${shown}"`, url, { status });
    }
    // Security: a redirect must not turn a web origin into a file, ftp or script reader.
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw originError(`Refused redirect ${hop + 1} from ${displayUrl(url)} to "${shown}": only http and https redirects are followed`, url, { status });
    }
    url = next;
  }
}

function isTrusted(url: URL, base: URL): boolean {
  return url.hostname === base.hostname && !(base.protocol === 'https:' && url.protocol === 'http:');
}

function requestOnce(url: URL, headers: Record<string, string>, o: WebRequestOptions): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(o.signal.reason);
      return;
    }
    const options: https.RequestOptions = { method: o.method, headers, timeout: o.timeoutMs };
    // TLS is checked against the configured host even when a forwarded Host header is sent.
    if (url.protocol === 'https:' && !net.isIP(url.hostname.replace(/^\[|\]$/g, ''))) options.servername = url.hostname;
    let req: ClientRequest;
    try {
      req = (url.protocol === 'https:' ? https : http).request(url, options);
    } catch (e) {
      // Node validates header names and values synchronously (e.g. a newline in a configured header).
      reject(originError(`Cannot send a request to ${displayUrl(url)}: ${(e as Error).message}`, url));
      return;
    }
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: unknown) => {
      if (settled) return;
      finish();
      req.destroy();
      reject(e);
    };
    const onAbort = () => fail(o.signal?.reason);
    const timer = setTimeout(() => fail(deadlineError(url, o.deadline, 'answering')), Math.max(0, o.deadline.at - Date.now()));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => {
      // The socket timeout covers both a connect that never completes and a server that sends nothing.
      const connecting = req.socket?.connecting ?? true;
      fail(unreachable(connecting
        ? `Could not connect to ${url.host} within ${o.timeoutMs} ms (${displayUrl(url)})`
        : `${displayUrl(url)} sent no response within ${o.timeoutMs} ms`, url, 'timeout'));
    });
    // Stays attached after the response: a late socket error must not become an uncaught exception.
    req.on('error', (e: NodeJS.ErrnoException) => fail(networkError(url, e)));
    req.on('response', (res) => {
      if (settled) {
        res.destroy();
        return;
      }
      finish();
      // From here the body reader runs its own idle timer, which pauses while the consumer applies
      // backpressure; a socket timeout would wrongly fire on a slow consumer.
      req.setTimeout(0);
      resolve({ req, res });
    });
    req.end();
  });
}

export function networkError(url: URL, e: NodeJS.ErrnoException): LoupeError {
  const code = e.code ?? 'ERROR';
  const what = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `the host name ${url.hostname} does not resolve`
    : code === 'ECONNREFUSED' ? `nothing accepts connections at ${url.host}`
    : code === 'ECONNRESET' ? 'the connection was reset'
    : isTlsCode(code) ? `TLS failed (${e.message})`
    : e.message;
  return unreachable(`Cannot reach ${displayUrl(url)}: ${what} [${code}]`, url, code);
}

export function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO)/.test(code);
}

/** A hint for check(): what to do about a failure cause. */
export function fixFor(cause: string, timeoutMs: number): string {
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN') return 'Check the host name in baseUrl and your DNS or network connection.';
  if (cause === 'ECONNREFUSED') return 'Start the web server, or correct the host and port in baseUrl.';
  if (cause === 'timeout') return `Check that the server is up and not blocked by a firewall or VPN, or raise timeoutMs (now ${timeoutMs}).`;
  if (isTlsCode(cause)) return 'Fix the server\'s TLS certificate (expired, self-signed or for another host name), or use http:// for a trusted local server.';
  return 'Check baseUrl and that the web server is running.';
}
