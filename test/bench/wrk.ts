// wrk (Debian package) for cache-hit loads: autocannon tops out near 80 MB/s on one core here
// (perf-baselines §3). `wrk -t1 -c64 -d5s --latency`, bounded again by a process timeout.

import { execFile, execFileSync } from 'node:child_process';

export interface WrkResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  /** Non-2xx/3xx responses plus socket errors (connect/read/write/timeout). */
  errors: number;
  timeouts: number;
  transferMBs: number;
}

/** undefined when wrk is available; otherwise why not (after one `apt-get install -y wrk` as root). */
export function ensureWrk(): string | undefined {
  const has = () => {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      return true;
    } catch (e) {
      // wrk --version exits 1 after printing its version; only ENOENT means missing.
      return (e as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  };
  if (has()) return undefined;
  if (process.getuid?.() !== 0) return 'wrk is not installed and the bench is not running as root (apt-get install wrk)';
  try {
    execFileSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'ignore', timeout: 120_000 });
  } catch (e) {
    return `apt-get install -y wrk failed: ${(e as Error).message.split('\n')[0]}`;
  }
  return has() ? undefined : 'wrk still missing after apt-get install';
}

function ms(value: string, unit: string): number {
  const v = Number(value);
  switch (unit) {
    case 'us': return v / 1000;
    case 'ms': return v;
    case 's': return v * 1000;
    case 'm': return v * 60_000;
    default: return Number.NaN;
  }
}

export function parseWrk(out: string): WrkResult {
  const lat = (pct: string) => {
    const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? ms(m[1]!, m[2]!) : Number.NaN;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const [c, r, w, t] = sock ? sock.slice(1).map(Number) : [0, 0, 0, 0];
  const tr = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(out);
  const scale: Record<string, number> = { B: 1 / 1048576, KB: 1 / 1024, MB: 1, GB: 1024 };
  return {
    rps, requests, p50: lat('50'), p99: lat('99'),
    errors: non2xx + c! + r! + w! + t!, timeouts: t!,
    transferMBs: tr ? Number(tr[1]) * scale[tr[2]!]! : Number.NaN,
  };
}

export interface WrkOptions {
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
  /** wrk's per-request timeout (its default 2 s would count ipx's queued transforms as errors). */
  timeoutS?: number;
}

export function runWrk(url: string, o: WrkOptions = {}): Promise<WrkResult & { raw: string }> {
  if (!url.startsWith('http://127.0.0.1:')) return Promise.reject(new Error(`wrk: refusing a non-loopback URL ${url}`));
  const seconds = o.seconds ?? 5;
  const args = ['-t1', `-c${o.connections ?? 64}`, `-d${seconds}s`, `--timeout`, `${o.timeoutS ?? 10}s`, '--latency'];
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: (seconds + 15) * 1000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stderr}`));
      const parsed = parseWrk(stdout);
      if (!Number.isFinite(parsed.rps)) return reject(new Error(`wrk: cannot parse output\n${stdout}`));
      resolve({ ...parsed, raw: stdout });
    });
  });
}
