// Turns the measurements into Markdown: the summary (one line per target, MET / NOT MET) and the raw
// figures of every round beside the medians. The same text goes to stdout and reports/bench.md.

import type { HerdRound, MemoryResult } from './herd-memory.ts';
import type { HitKind, HitRun } from './hits.ts';
import { median } from './load.ts';
import { MISS_KINDS, type MissKind, type MissRun } from './misses.ts';

export interface BenchData {
  env: string[];
  missRounds: Record<MissKind, MissRun>[];
  missRequests: number;
  hitRounds: Record<HitKind, HitRun>[];
  hitSkipped?: string;
  /** Against `loupe serve`: the wall-time target; transforms counted from Server-Timing. */
  herd: HerdRound[];
  /** In-process createCore: transforms counted by core.transforms.runs. */
  herdCore: HerdRound[];
  memory: MemoryResult;
  memoryConnections: number;
  seconds: number;
}

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const x = (n: number) => `${f(n, 2)}×`;
const list = (values: number[], d = 2) => values.map((v) => f(v, d)).join(' / ');
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'INFO' : ok ? 'MET' : 'NOT MET');

function ratios<K extends string, R>(rounds: Record<K, R>[], a: K, b: K, field: (r: R) => number): number[] {
  return rounds.map((r) => field(r[a]) / field(r[b]));
}

export function summary(d: BenchData): { markdown: string; met: boolean } {
  const rps = ratios(d.missRounds, 'loupe', 'raw', (r) => r.rps);
  const p99 = ratios(d.missRounds, 'loupe', 'raw', (r) => r.p99);
  const vsIpx = ratios(d.missRounds, 'loupe', 'ipx', (r) => r.rps);
  const med = (k: MissKind, field: 'rps' | 'p50' | 'p99') => median(d.missRounds.map((r) => r[k][field]));
  const rows: { row: string; figure: string; target: string; ok: boolean | undefined }[] = [];
  const missErrors = d.missRounds.some((r) => r.loupe.errors || r.raw.errors || r.loupe.cut || (r.loupe.notMiss ?? 0) > 0);
  rows.push({
    row: '1a. Transform miss, 4 conns: Loupe ÷ raw sharp req/s',
    figure: `${x(median(rps))} (rounds ${list(rps)}; ${f(med('loupe', 'rps'))} vs ${f(med('raw', 'rps'))} req/s)`,
    target: '≥ 0.95×', ok: median(rps) >= 0.95 && !missErrors,
  });
  rows.push({
    row: '1b. Transform miss, 4 conns: Loupe ÷ raw sharp p99',
    figure: `${x(median(p99))} (rounds ${list(p99)}; ${f(med('loupe', 'p99'), 0)} vs ${f(med('raw', 'p99'), 0)} ms)`,
    target: '≤ 1.3×', ok: median(p99) <= 1.3 && !missErrors,
  });
  if (d.hitSkipped) {
    rows.push({ row: '2. Cache hit, wrk 64 conns: Loupe ÷ node:http from memory', figure: `skipped: ${d.hitSkipped}`, target: '≥ 0.6×', ok: false });
  } else {
    const hit = ratios(d.hitRounds, 'loupe', 'static', (r) => r.rps);
    const hmed = (k: HitKind) => median(d.hitRounds.map((r) => r[k].rps));
    const hitErrors = d.hitRounds.some((r) => r.loupe.errors > 0);
    rows.push({
      row: '2. Cache hit, wrk 64 conns: Loupe ÷ node:http from memory',
      figure: `${x(median(hit))} (rounds ${list(hit)}; ${f(hmed('loupe'), 0)} vs ${f(hmed('static'), 0)} req/s; wrk on the same 2 cores)`,
      target: '≥ 0.6×', ok: median(hit) >= 0.6 && !hitErrors,
    });
  }
  rows.push({
    row: '3a. Peer, miss, 4 conns: Loupe ÷ ipx req/s',
    figure: `${x(median(vsIpx))} (rounds ${list(vsIpx)}; ${f(med('loupe', 'rps'))} vs ${f(med('ipx', 'rps'))} req/s)`,
    target: '≥ 1.0×', ok: median(vsIpx) >= 1.0 && !missErrors,
  });
  if (!d.hitSkipped) {
    const rep = ratios(d.hitRounds, 'loupe', 'ipx', (r) => r.rps);
    rows.push({
      row: '3b. Peer, repeated URL, wrk 64 conns: Loupe ÷ ipx req/s',
      figure: `${f(median(rep), 0)}× (rounds ${list(rep, 0)}; ${f(median(d.hitRounds.map((r) => r.loupe.rps)), 0)} vs ${f(median(d.hitRounds.map((r) => r.ipx.rps)), 1)} req/s)`,
      target: '(no target)', ok: undefined,
    });
  }
  const herdRatio = d.herd.map((h) => h.herdMs / h.singleMs);
  const coreRatio = d.herdCore.map((h) => h.herdMs / h.singleMs);
  const both = [...d.herd, ...d.herdCore];
  rows.push({
    row: `4a. Thundering herd: transforms for ${64} simultaneous first requests`,
    figure: `core.transforms.runs ${d.herdCore.map((h) => h.transforms).join(' / ')}; loupe serve (Server-Timing) ${d.herd.map((h) => h.transforms).join(' / ')} (responses ${[...new Set(both.map((h) => h.statuses))].join('; ')}${both.every((h) => h.identical) ? ', identical bytes' : ', BYTES DIFFER'})`,
    target: 'exactly 1', ok: both.every((h) => h.transforms === 1 && h.identical && h.statuses.split(' ').every((st) => st.startsWith('200/'))),
  });
  rows.push({
    row: '4b. Thundering herd: herd wall time ÷ one request (loupe serve)',
    figure: `${x(median(herdRatio))} (rounds ${list(herdRatio)}; ${f(median(d.herd.map((h) => h.herdMs)), 0)} vs ${f(median(d.herd.map((h) => h.singleMs)), 0)} ms; in-process core ${x(median(coreRatio))})`,
    target: '≤ 1.5×', ok: median(herdRatio) <= 1.5,
  });
  const m = d.memory;
  rows.push({
    row: `5a. Peak RSS (VmHWM), 24 MP JPEG misses at ${d.memoryConnections} conns`,
    figure: `${f(m.peakMB, 0)} MB (${m.load.n} requests, ${m.load.errors} errors, ${f(m.load.rps)} req/s)`,
    target: '≤ 500 MB', ok: m.peakMB <= 500 && m.load.errors === 0 && !m.load.cut,
  });
  const b = m.bomb;
  rows.push({
    row: '5b. 20000×20000 PNG bomb',
    figure: `${b.status} ${b.code} in ${f(b.ms)} ms; RSS ${f(b.rssBeforeMB, 0)} → ${f(b.rssAfterMB, 0)} MB, peak ${f(b.hwmBeforeMB, 0)} → ${f(b.hwmAfterMB, 0)} MB`,
    target: '4xx, ≤ 100 ms, peak +≤ 50 MB', ok: b.status >= 400 && b.status < 500 && b.ms <= 100 && b.hwmAfterMB - b.hwmBeforeMB <= 50,
  });
  const md = table(['row', 'figure (median of rounds; raw figures)', 'target', 'result'], rows.map((r) => [r.row, r.figure, r.target, verdict(r.ok)]));
  return { markdown: md, met: rows.every((r) => r.ok !== false) };
}

export function details(d: BenchData): string {
  const out: string[] = [];
  out.push(`### Transform misses (${d.missRequests} distinct variants per contender per round, 4 connections / 4 in flight)`);
  const kinds = MISS_KINDS;
  const rows: (string | number)[][] = [];
  d.missRounds.forEach((round, i) => {
    for (const k of kinds) {
      const r = round[k];
      const t = r.timing ? `origin ${f(r.timing.origin)} / transform ${f(r.timing.transform)} / total ${f(r.timing.total)}` : '';
      rows.push([i + 1, r.name, f(r.rps), f(r.p50, 0), f(r.p99, 0), x(r.rps / round.raw.rps), f(r.cpuMsPerReq), f((r.cpuMsPerReq * r.rps) / 1000, 2), r.bytes ? f(r.bytes / 1024) : '', `${r.n}${r.errors ? ` (${r.errors} err)` : ''}${r.cut ? ' CUT' : ''}`, t + (r.note ? ` ${r.note}` : '')]);
    }
  });
  for (const k of kinds) {
    const name = d.missRounds[0]![k].name;
    const rps = d.missRounds.map((r) => r[k].rps);
    rows.push(['median', name, f(median(rps)), f(median(d.missRounds.map((r) => r[k].p50)), 0), f(median(d.missRounds.map((r) => r[k].p99)), 0),
      x(median(d.missRounds.map((r) => r[k].rps / r.raw.rps))), f(median(d.missRounds.map((r) => r[k].cpuMsPerReq))),
      f(median(d.missRounds.map((r) => (r[k].cpuMsPerReq * r[k].rps) / 1000)), 2), '', '', '']);
  }
  out.push(table(['round', 'contender', 'req/s', 'p50 ms', 'p99 ms', '÷ raw', 'CPU ms/req', 'cores busy', 'KiB/resp', 'n', 'Loupe Server-Timing means (ms; transform includes the queue)'], rows));

  out.push('', `### Repeated URL (wrk -t1 -c64 -d${d.seconds}s; wrk runs on the same 2 cores as the server)`);
  if (d.hitSkipped) out.push(`skipped: ${d.hitSkipped}`);
  else {
    const hr: (string | number)[][] = [];
    d.hitRounds.forEach((round, i) => {
      for (const k of ['static', 'loupe', 'ipx'] as HitKind[]) {
        const r = round[k];
        hr.push([i + 1, r.name, f(r.rps, 0), f(r.p50, 2), f(r.p99, 2), f(r.transferMBs), r.errors ? `${r.errors} (${r.timeouts} timeouts)` : 0, f(r.serverCpuPerS / 10, 0), f(r.drainMs, 0)]);
      }
    });
    out.push(table(['round', 'server', 'req/s', 'p50 ms', 'p99 ms', 'MB/s', 'errors', 'server CPU %', 'idle wait ms'], hr));
  }

  out.push('', '### Thundering herd (original cached first; 64 keep-alive sockets pre-opened; fresh variants)');
  const herdRow = (where: string) => (h: HerdRound, i: number) => [where, i + 1, f(h.singleMs), f(h.herdMs), x(h.herdMs / h.singleMs), h.transforms, h.statuses];
  out.push(table(['server', 'round', 'one request ms', 'herd of 64 ms', 'herd ÷ one', 'transforms', 'responses'],
    [...d.herd.map(herdRow('loupe serve (count: Server-Timing)')), ...d.herdCore.map(herdRow('in-process core (count: transforms.runs)'))]));

  const m = d.memory;
  out.push('', `### Memory (fresh \`loupe serve\`; 6000×4000 JPEG, ${m.load.n} distinct variants at ${d.memoryConnections} connections)`);
  out.push(table(['figure', 'value'], [
    ['RSS before the load', `${f(m.rssBeforeMB, 0)} MB`],
    ['peak RSS (VmHWM)', `${f(m.peakMB, 0)} MB (sampled every 25 ms: ${f(m.sampledPeakMB, 0)} MB)`],
    ['load', `${f(m.load.rps)} req/s, p50 ${f(m.load.p50, 0)} ms, p99 ${f(m.load.p99, 0)} ms, ${m.load.errors} errors, ${m.notMiss} not misses`],
    ['Server-Timing means', `origin ${f(m.meanOriginMs)} ms, transform (with queue) ${f(m.meanTransformMs)} ms`],
    ['PNG bomb', `${m.bomb.status} ${m.bomb.code}, ${f(m.bomb.ms)} ms, RSS ${f(m.bomb.rssBeforeMB, 0)} → ${f(m.bomb.rssAfterMB, 0)} MB, VmHWM ${f(m.bomb.hwmBeforeMB, 0)} → ${f(m.bomb.hwmAfterMB, 0)} MB`],
  ]));
  out.push('', '### Environment', ...d.env.map((e) => `- ${e}`));
  return out.join('\n');
}
