// Against REAL Google Cloud Storage, only when credentials are given in the environment:
//   LOUPE_GCS_TEST_BUCKET=my-bucket LOUPE_GCS_TEST_KEY_FILE=./key.json [LOUPE_GCS_TEST_PREFIX=assets/] npm test
// Without them this suite is skipped and says so; nothing here ever pretends to have reached GCS.

import { describe, expect, it } from 'vitest';
import { createGcsOrigin } from '../../../electron/core/origins/gcs-origin.ts';

const bucket = process.env.LOUPE_GCS_TEST_BUCKET;
const keyFile = process.env.LOUPE_GCS_TEST_KEY_FILE;
const enabled = Boolean(bucket && keyFile);

if (!enabled) {
  console.info('gcs-real: skipped — set LOUPE_GCS_TEST_BUCKET and LOUPE_GCS_TEST_KEY_FILE to test against real Google Cloud Storage');
}

describe.skipIf(!enabled)('GCS origin against real Google Cloud Storage', () => {
  const origin = () => createGcsOrigin({
    id: 'real', type: 'gcs', bucket: bucket!, prefix: process.env.LOUPE_GCS_TEST_PREFIX ?? '', keyFile: keyFile!, timeoutMs: 15_000, revalidateAfter: 60,
  });

  it('passes every connection check with a Storage Object Viewer key', async () => {
    const result = await origin().check();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  }, 60_000);

  it('lists, stats and reads the first object', async () => {
    const o = origin();
    const page = await o.list!('');
    const first = page.objects[0];
    expect(first, 'the bucket needs at least one object under the prefix').toBeDefined();
    const meta = await o.stat(first!.name);
    expect(meta?.version).toMatch(/^\d+$/);
    const { body } = await o.read(first!.name, { start: 0, end: 0 });
    let n = 0;
    for await (const c of body) n += (c as Buffer).length;
    expect(n).toBe(1);
    expect(await o.stat(`${first!.name}.loupe-missing`)).toBeUndefined();
  }, 60_000);
});
