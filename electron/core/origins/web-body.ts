// The web origin's response body as a stream the caller can trust: capped at maxBytes, cut to the asked
// range when the server ignored Range, and errored (never left hanging) when the server stalls or drops.

import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { LoupeError } from '../../../shared/errors.ts';
import { deadlineError, displayUrl, unreachable, type Deadline } from './web-request.ts';

export interface BodyOptions {
  url: URL;
  /** Bytes to drop before the first delivered one (a server that ignored Range, or sent an earlier start). */
  skip: number;
  /** Bytes to deliver; undefined = to the end of the response. */
  take?: number;
  /** The response's Content-Length, to tell a cut-off body from a complete one. */
  expected?: number;
  maxBytes: number;
  /** No bytes for this long while the consumer is waiting = the server stalled. */
  idleMs: number;
  deadline: Deadline;
  signal?: AbortSignal;
}

export function limitBody(res: IncomingMessage, o: BodyOptions): Readable {
  let received = 0;
  let delivered = 0;
  let done = false;
  let idle: NodeJS.Timeout | undefined;
  const shown = displayUrl(o.url);

  const stopTimers = () => {
    done = true;
    clearTimeout(idle);
    clearTimeout(deadline);
    o.signal?.removeEventListener('abort', onAbort);
  };
  const out = new Readable({
    read() {
      if (done) return;
      res.resume();
      armIdle();
    },
    destroy(err, cb) {
      stopTimers();
      // Closing the upstream stops the transfer (and frees the socket) when the consumer gives up early.
      if (!res.readableEnded) res.destroy();
      cb(err);
    },
  });
  const fail = (e: unknown) => {
    if (!done) out.destroy(e instanceof Error ? e : new Error(String(e)));
  };
  const end = () => {
    stopTimers();
    out.push(null);
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => fail(unreachable(`${shown} stalled: no bytes for ${o.idleMs} ms after ${received} bytes`, o.url, 'timeout')), o.idleMs);
  };
  const onAbort = () => fail(o.signal?.reason);
  const deadline = setTimeout(() => fail(deadlineError(o.url, o.deadline, 'sending the body')), Math.max(0, o.deadline.at - Date.now()));
  o.signal?.addEventListener('abort', onAbort, { once: true });

  res.on('data', (chunk: Buffer) => {
    if (done) return;
    const pos = received;
    received += chunk.length;
    const from = Math.max(0, o.skip - pos);
    const to = o.take === undefined ? chunk.length : Math.min(chunk.length, o.skip + o.take - pos);
    if (to > from) {
      delivered += to - from;
      if (delivered > o.maxBytes) {
        fail(new LoupeError('INPUT_TOO_LARGE', `${shown} sent more than ${o.maxBytes} bytes (images.maxInputBytes)`, { url: shown, maxBytes: o.maxBytes }));
        return;
      }
      const more = out.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
      if (o.take !== undefined && delivered >= o.take) {
        end();
        // The rest of a response that ignored Range is not needed: stop downloading it.
        if (o.expected === undefined || received < o.expected) res.destroy();
        else res.resume();
        return;
      }
      if (!more) {
        res.pause();
        clearTimeout(idle);
        return;
      }
    }
    armIdle();
  });
  res.on('end', () => {
    if (done) return;
    if (o.expected !== undefined && received < o.expected) {
      fail(unreachable(`${shown} closed the connection after ${received} of ${o.expected} bytes`, o.url, 'ECONNRESET'));
      return;
    }
    end();
  });
  res.on('error', (e) => fail(unreachable(`${shown} failed after ${received} bytes: ${e.message}`, o.url, (e as NodeJS.ErrnoException).code ?? 'ECONNRESET')));
  // A socket closed before the end may emit 'close' without 'error' (older Node, or a cut chunked body).
  res.on('close', () => {
    if (!done && !res.complete) fail(unreachable(`${shown} closed the connection after ${received} bytes`, o.url, 'ECONNRESET'));
  });
  armIdle();
  return out;
}
