// Row 4 (thundering herd, in-process createCore so core.transforms.runs can be read) and row 5 (peak RSS
// of a `loupe serve` process under a 24 MP load; a 20000×20000 PNG bomb rejected cheaply).

import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseConfig } from '../../shared/config.ts';
import { createCore } from '../../electron/core/index.ts';
import { closedLoop, httpGet, keepAliveAgent, mean, serverTiming, summarize, type Summary } from './load.ts';
import { memoryOf, type ChildServer } from './servers.ts';

export const HERD = 64;
const ACCEPT = { Accept: 'image/webp,*/*' };

export interface HerdRound {
  singleMs: number;
  herdMs: number;
  transforms: number;
  statuses: string;
  identical: boolean;
}

export function loupeConfig(imagesDir: string): Record<string, unknown> {
  return {
    server: { host: '127.0.0.1', port: 0 },
    origins: [{ id: 'photos', type: 'folder', root: imagesDir }],
    endpoints: [{ id: 'img', origins: ['photos'] }],
  };
}

/**
 * Rounds of (one request on a fresh variant, then 64 simultaneous requests on another fresh variant) of an
 * original already cached, over 64 pre-opened keep-alive sockets. Transforms are counted with `runs`
 * (core.transforms.runs, in-process) or else from the responses: only the request that ran the work has
 * a non-zero `transform` in Server-Timing (the others join the single-flight).
 */
async function herdLoop(url: string, rounds: number, widthBase: number, runs?: () => number): Promise<HerdRound[]> {
  const agent = keepAliveAgent(HERD);
  const get = (w: number) => httpGet(agent, `${url}/img/tr:w-${w}/photo.jpg`, ACCEPT);
  try {
    if ((await get(640)).status !== 200) throw new Error('herd warm-up failed');
    await Promise.all(Array.from({ length: HERD }, () => get(640)));
    const out: HerdRound[] = [];
    for (let r = 0; r < rounds; r++) {
      const single = async () => {
        const t = performance.now();
        const res = await get(widthBase + 2 * r);
        if (res.status !== 200) throw new Error(`single: ${res.status}`);
        return performance.now() - t;
      };
      const herd = async () => {
        const before = runs?.() ?? 0;
        const t = performance.now();
        const all = await Promise.all(Array.from({ length: HERD }, () => get(widthBase + 1 + 2 * r)));
        const ms = performance.now() - t;
        const transforms = runs ? runs() - before : all.filter((a) => (serverTiming(a.headers['server-timing']).transform ?? 0) > 0).length;
        const hashes = new Set(all.map((a) => createHash('sha1').update(a.body).digest('hex')));
        const statuses = [...new Set(all.map((a) => `${a.status}/${String(a.headers['x-loupe-cache'])}`))].join(' ');
        return { ms, transforms, statuses, identical: hashes.size === 1 };
      };
      // Alternate which goes first (both run after the original is cached, so both do the same work).
      let singleMs: number;
      let h: Awaited<ReturnType<typeof herd>>;
      if (r % 2 === 0) {
        singleMs = await single();
        h = await herd();
      } else {
        h = await herd();
        singleMs = await single();
      }
      out.push({ singleMs, herdMs: h.ms, transforms: h.transforms, statuses: h.statuses, identical: h.identical });
    }
    return out;
  } finally {
    agent.destroy();
  }
}

/** In-process createCore: the exact count from core.transforms.runs (client and server share one thread). */
export async function herdInProcess(imagesDir: string, dataDir: string, rounds: number): Promise<HerdRound[]> {
  const config = parseConfig(loupeConfig(imagesDir), { resolve: (p) => path.resolve(imagesDir, p) });
  const core = await createCore({ config, dataDir });
  const { url } = await core.start({ host: '127.0.0.1', port: 0 });
  try {
    return await herdLoop(url, rounds, 510, () => core.transforms.runs);
  } finally {
    await core.stop();
  }
}

/** Against a `loupe serve` process (client and server on their own threads), counted from Server-Timing. */
export function herdServer(server: ChildServer, rounds: number): Promise<HerdRound[]> {
  return herdLoop(server.url, rounds, 530);
}

export interface MemoryResult {
  load: Summary;
  notMiss: number;
  rssBeforeMB: number;
  peakMB: number;
  sampledPeakMB: number;
  meanOriginMs: number;
  meanTransformMs: number;
  bomb: { status: number; code: string; ms: number; rssBeforeMB: number; rssAfterMB: number; hwmBeforeMB: number; hwmAfterMB: number };
}

/** On a fresh `loupe serve`: the bomb first (so the peak is still low), then 24 MP misses at 16 connections. */
export async function memoryRun(server: ChildServer, connections: number, total: number, deadlineMs: number): Promise<MemoryResult> {
  const small = await httpGet(false, `${server.url}/img/tr:w-100/photo.jpg`, ACCEPT); // JIT warm-up, a small output
  if (small.status !== 200) throw new Error(`memory warm-up: ${small.status}`);
  const m0 = await memoryOf(server.pid);
  const t = performance.now();
  const bombRes = await httpGet(false, `${server.url}/img/tr:w-800/bomb.png`, ACCEPT, 10_000);
  const bombMs = performance.now() - t;
  const m1 = await memoryOf(server.pid);
  const bomb = {
    status: bombRes.status, code: String(bombRes.headers['x-loupe-error'] ?? ''), ms: bombMs,
    rssBeforeMB: m0.rssMB, rssAfterMB: m1.rssMB, hwmBeforeMB: m0.hwmMB, hwmAfterMB: m1.hwmMB,
  };

  const agent = keepAliveAgent(connections);
  let sampledPeakMB = 0;
  const sampler = setInterval(() => {
    memoryOf(server.pid).then((m) => (sampledPeakMB = Math.max(sampledPeakMB, m.rssMB)), () => undefined);
  }, 25);
  const timings: Record<string, number>[] = [];
  let notMiss = 0;
  const rssBefore = (await memoryOf(server.pid)).rssMB;
  const r = await closedLoop({
    concurrency: connections, total, deadlineMs,
    task: async (i) => {
      const res = await httpGet(agent, `${server.url}/img/tr:w-${700 + i}/big.jpg`, ACCEPT);
      if (res.status !== 200) throw new Error(`24 MP: ${res.status} ${res.body.subarray(0, 200).toString()}`);
      if (res.headers['x-loupe-cache'] !== 'miss') notMiss++;
      timings.push(serverTiming(res.headers['server-timing']));
    },
  });
  clearInterval(sampler);
  agent.destroy();
  const peak = (await memoryOf(server.pid)).hwmMB;
  return {
    load: summarize(r), notMiss, rssBeforeMB: rssBefore, peakMB: peak, sampledPeakMB, bomb,
    meanOriginMs: mean(timings.map((x) => x.origin ?? 0)), meanTransformMs: mean(timings.map((x) => x.transform ?? 0)),
  };
}
