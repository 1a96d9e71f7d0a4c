// Processes the bench starts from its own bundle (`node dist/bench.js --child <kind> ...`), each printing
// `listening http://127.0.0.1:PORT` (servers) or one JSON line (raw034) on stdout:
//   static  a minimal node:http server answering every GET with the same bytes from memory (the hit ceiling)
//   ipx     unjs/ipx 3: createIPX + ipxFSStorage + createIPXNodeServer over the fixtures folder
//   raw034  the same closed loop as the raw-sharp floor, on ipx's own sharp 0.34 (to separate the
//           libvips version from the server when comparing Loupe with ipx)

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { closedLoop } from './load.ts';
import { loupeLikeWebp, type SharpModule } from './sharp-baseline.ts';

function listen(server: http.Server): void {
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

async function staticServer(file: string, contentType: string): Promise<void> {
  const body = await readFile(file);
  listen(http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
    res.end(body);
  }));
}

async function ipxServer(dir: string): Promise<void> {
  const { createIPX, createIPXNodeServer, ipxFSStorage } = await import('ipx');
  const ipx = createIPX({ storage: ipxFSStorage({ dir }) });
  listen(http.createServer(createIPXNodeServer(ipx)));
}

/** ipx's nested sharp (0.34.x): resolved from ipx's own folder, as ipx itself resolves it. */
function ipxSharp(): SharpModule {
  const ipxEntry = createRequire(import.meta.url).resolve('ipx'); // …/node_modules/ipx/dist/index.cjs
  return createRequire(ipxEntry)('sharp') as SharpModule;
}

async function raw034(input: string, widths: number[], concurrency: number, deadlineMs: number): Promise<void> {
  const sharp = ipxSharp();
  const data = await readFile(input);
  await loupeLikeWebp(sharp, data, 640); // warm-up, as the other contenders get
  const cpu = process.cpuUsage();
  const r = await closedLoop({ concurrency, total: widths.length, deadlineMs, task: async (i) => void (await loupeLikeWebp(sharp, data, widths[i]!)) });
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ result: r, cpuMs: (used.user + used.system) / 1000, version: sharp.versions.sharp, vips: sharp.versions.vips })}\n`);
}

/** Dispatches `--child <kind> args...`; returns false when this process is not a child. */
export async function runChild(argv: string[]): Promise<boolean> {
  if (argv[0] !== '--child') return false;
  const [, kind, ...args] = argv;
  switch (kind) {
    case 'static':
      await staticServer(args[0]!, args[1]!);
      return true;
    case 'ipx':
      await ipxServer(args[0]!);
      return true;
    case 'raw034':
      await raw034(args[0]!, args[1]!.split(',').map(Number), Number(args[2]), Number(args[3]));
      process.exit(0);
    default:
      throw new Error(`unknown child kind ${kind}`);
  }
}
