// Child-process helpers: start a server that prints `listening http://127.0.0.1:PORT` first, stop it by
// its own pid (SIGTERM, then SIGKILL), read its memory and CPU from /proc, wait until it is idle.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  /** The last lines of stdout/stderr, for error messages. */
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every child this process started (by pid) when the bench exits for any reason. */
export function killAllChildren(): void {
  for (const p of running) if (p.exitCode === null && p.pid) p.kill('SIGKILL');
}

export async function startServer(name: string, command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ChildServer> {
  const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  proc.on('exit', () => running.delete(proc));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  proc.stderr!.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no "listening" line within ${opts.timeoutMs ?? 15_000} ms\n${lines.join('\n')}`)), opts.timeoutMs ?? 15_000);
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      buffered += chunk.toString('utf8');
      const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening\n${lines.join('\n')}`));
    });
  });
  return {
    name, url, pid: proc.pid!, proc,
    log: () => lines.join('\n'),
    stop: () => stopProcess(proc),
  };
}

export function stopProcess(proc: ChildProcess, graceMs = 3000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** VmRSS / VmHWM (peak RSS) of a process in MB, from /proc/<pid>/status. */
export async function memoryOf(pid: number): Promise<{ rssMB: number; hwmMB: number }> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export async function cpuMsOf(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, utime 14, stime 15 (1-based) → indexes 11, 12 here.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until the process used ≤ 20 ms CPU over 250 ms (so leftover work, e.g. ipx finishing requests
 * wrk abandoned, does not bleed into the next measurement). Returns how long it waited.
 */
export async function waitIdle(pid: number, maxMs = 20_000): Promise<number> {
  const started = performance.now();
  let last = await cpuMsOf(pid);
  while (performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await cpuMsOf(pid);
    if (now - last <= 20) break;
    last = now;
  }
  return performance.now() - started;
}
