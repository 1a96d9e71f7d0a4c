// Process entry for the bundled CLI (dist/cli.js): run main() and set the exit code.

import { main } from './cli.ts';

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
