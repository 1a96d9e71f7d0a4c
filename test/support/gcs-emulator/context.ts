// What every route handler gets: the request, the parsed route, the body and the shared state.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from './store.ts';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  bucket: string;
  object: string | undefined;
  /** The whole request body (empty for GET/DELETE). */
  body: Buffer;
  store: Store;
  /** The emulator's own origin, used for Location, selfLink and mediaLink (never the Host header). */
  baseUrl: string;
  /** The client_email named in 403 messages. */
  caller: string;
}
