// The renderer's one way to the core: a LoupeClient derived from the contract's CHANNELS/EVENTS.
// Desktop app: the preload's `window.loupe`. Browser studio: HTTP + SSE with the token from #token=.

import {
  CHANNELS, EVENTS, STUDIO_CALL_PATH, STUDIO_EVENTS_PATH,
  type Channel, type EventName, type Events, type Input, type LoupeClient, type Output, type Result,
} from '../../../shared/contract.ts';

declare global {
  interface Window {
    loupe?: LoupeClient;
  }
}

const TOKEN_KEY = 'loupe.studioToken';

/** True inside the desktop app (the preload exposed `window.loupe`). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.loupe !== undefined;
}

/** Reads `#token=…` once, keeps it for this tab, and removes it from the address bar. */
export function takeStudioToken(): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

type Listener = (payload: never) => void;

function createHttpClient(token: string | undefined): LoupeClient {
  const call = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    if (!token) return failure('No studio token: open the studio with the link printed by "loupe serve --studio" (it ends in #token=…).');
    let res: Response;
    try {
      res = await fetch(STUDIO_CALL_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input === undefined ? { channel } : { channel, input }),
      });
    } catch {
      return failure('Cannot reach Loupe: is "loupe serve --studio" still running?');
    }
    try {
      const body = (await res.json()) as Result<unknown>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
    } catch {
      // fall through: not a Result
    }
    if (res.status === 401 || res.status === 403) return failure('The studio token was refused: open the studio with the link "loupe serve --studio" printed.');
    return failure(`Unexpected answer from Loupe (HTTP ${res.status}).`);
  };

  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | undefined;
  const ensureSource = () => {
    if (source || !token) return;
    source = new EventSource(`${STUDIO_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    for (const name of EVENTS) {
      source.addEventListener(name, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) (l as (p: unknown) => void)(payload);
      });
    }
  };

  const methods = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => call(c, input)]));
  return {
    ...(methods as { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> }),
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}

let client: LoupeClient | undefined;

export function getClient(): LoupeClient {
  if (!client) client = window.loupe ?? createHttpClient(takeStudioToken());
  return client;
}

/** Calls a channel and throws an ApiError on `{ ok: false }`, for code that wants exceptions. */
export class ApiError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(error: { code: string; message: string; details?: Record<string, unknown> }) {
    super(error.message);
    this.code = error.code;
    if (error.details) this.details = error.details;
  }
}

export async function call<C extends Channel>(channel: C, ...input: Input<C> extends undefined ? [Input<C>?] : [Input<C>]): Promise<Output<C>> {
  const fn = getClient()[channel] as (i: Input<C>) => Promise<Result<Output<C>>>;
  let result: Result<Output<C>>;
  try {
    result = await fn(input[0] as Input<C>);
  } catch (e) {
    // Electron IPC keeps only the message of a thrown error.
    throw new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
