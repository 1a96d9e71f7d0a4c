// Row 2 and the repeated-URL half of row 3: the same URL over and over with wrk -t1 -c64 -d5s, for
// Loupe (a cache hit), a minimal node:http server holding the same bytes in memory (the ceiling), and
// ipx (no result cache: every request is a transform). Interleaved; the server is let go idle after each.

import { httpGet } from './load.ts';
import { cpuMsOf, waitIdle, type ChildServer } from './servers.ts';
import { runWrk, type WrkResult } from './wrk.ts';

export type HitKind = 'loupe' | 'static' | 'ipx';

export interface HitRun extends WrkResult {
  name: string;
  /** CPU the server process used during the run, in ms per second of load (1000 = one full core). */
  serverCpuPerS: number;
  drainMs: number;
}

export interface HitSetup {
  loupe: ChildServer;
  static: ChildServer;
  ipx: ChildServer;
  loupeUrl: string;
  ipxUrl: string;
  seconds: number;
  connections: number;
}

export const HIT_HEADERS = { Accept: 'image/webp,*/*' };

/** Fetches the variant until Loupe answers from its cache; returns the bytes for the static server. */
export async function loupeVariant(loupeUrl: string): Promise<Buffer> {
  let last = '';
  for (let i = 0; i < 3; i++) {
    const res = await httpGet(false, loupeUrl, HIT_HEADERS);
    if (res.status !== 200) throw new Error(`loupe ${loupeUrl}: ${res.status} ${res.body.subarray(0, 200).toString()}`);
    last = String(res.headers['x-loupe-cache']);
    if (last === 'hit') return res.body;
  }
  throw new Error(`loupe never answered x-loupe-cache: hit for ${loupeUrl} (last: ${last})`);
}

async function one(kind: HitKind, s: HitSetup): Promise<HitRun> {
  const server = s[kind];
  const url = kind === 'loupe' ? s.loupeUrl : kind === 'ipx' ? s.ipxUrl : `${s.static.url}/photo.webp`;
  const cpu0 = await cpuMsOf(server.pid);
  const r = await runWrk(url, { connections: s.connections, seconds: s.seconds, headers: HIT_HEADERS });
  const cpu = (await cpuMsOf(server.pid)) - cpu0;
  // ipx keeps transforming the requests wrk abandoned at the end: wait, so the next run starts clean.
  const drainMs = await waitIdle(server.pid, 20_000);
  const { raw: _raw, ...figures } = r;
  return { name: server.name, ...figures, serverCpuPerS: cpu / s.seconds, drainMs };
}

export async function hitRound(order: HitKind[], s: HitSetup): Promise<Record<HitKind, HitRun>> {
  const out = {} as Record<HitKind, HitRun>;
  for (const kind of order) out[kind] = await one(kind, s);
  return out;
}
