// The README's parameter table is generated from the option table, so it cannot drift.
// Regenerate with: UPDATE_README=1 npx vitest run test/readme.test.ts

import { readFile, writeFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { formatOptionsTable } from '../shared/transform/index.ts';

const START = '<!-- parameters:start (generated from shared/transform/options.ts) -->';
const END = '<!-- parameters:end -->';

it('README lists every transformation parameter from the option table', async () => {
  const readme = await readFile('README.md', 'utf8');
  const begin = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(begin, 'README markers').toBeGreaterThan(0);
  const expected = `${START}\n${formatOptionsTable()}\n${END}`;
  const actual = readme.slice(begin, end + END.length);
  if (process.env.UPDATE_README && actual !== expected) {
    await writeFile('README.md', readme.slice(0, begin) + expected + readme.slice(end + END.length));
    return;
  }
  expect(actual).toBe(expected);
});
