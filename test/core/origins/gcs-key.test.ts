// Key-file validation gives each common mistake its own message (ux-notes.md §5.2).

import { describe, expect, it } from 'vitest';
import { validateServiceAccountKey } from '../../../electron/core/origins/gcs-key.ts';
import { makeTestServiceAccountKey } from '../../support/gcs-emulator/index.ts';

const good = makeTestServiceAccountKey({ clientEmail: 'reader@proj.iam.gserviceaccount.com', projectId: 'proj' });
const text = (o: unknown) => JSON.stringify(o);

describe('service-account key validation', () => {
  it('accepts a real key and summarises it without the private key', () => {
    const v = validateServiceAccountKey(text(good));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.summary).toEqual({ client_email: 'reader@proj.iam.gserviceaccount.com', project_id: 'proj', private_key_id: good.private_key_id });
    expect(JSON.stringify(v.summary)).not.toContain('PRIVATE KEY');
    expect(v.warnings).toEqual([]);
  });

  const cases: [string, string, string, RegExp][] = [
    ['not JSON', 'not-json', 'hello', /not a JSON key file/],
    ['an OAuth client file', 'oauth-client', text({ installed: { client_id: 'x', client_secret: 'y' } }), /OAuth client file, not a service-account key/],
    ['a web OAuth client file', 'oauth-client', text({ web: { client_id: 'x' } }), /OAuth client file/],
    ['a gcloud user-credentials file', 'authorized-user', text({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' }), /gcloud user-credentials file/],
    ['a workload identity config', 'external-account', text({ type: 'external_account' }), /Workload Identity Federation/],
    ['an empty client_email', 'incomplete', text({ ...good, client_email: '' }), /incomplete or corrupted.*client_email/],
    ['line breaks lost (literal \\n)', 'lost-line-breaks', text({ ...good, private_key: good.private_key.replace(/\n/g, '\\n') }), /line breaks became/],
    ['BEGIN/END lines lost', 'lost-line-breaks', text({ ...good, private_key: good.private_key.replace(/-----[A-Z ]+-----/g, '') }), /looks damaged/],
    ['a truncated key', 'damaged-key', text({ ...good, private_key: `${good.private_key.slice(0, 400)}\n-----END PRIVATE KEY-----\n` }), /damaged or truncated/],
    ['another type', 'wrong-type', text({ ...good, type: 'user' }), /not a service-account key \(type is "user"/],
  ];
  it.each(cases)('%s', (_name, problem, input, message) => {
    const v = validateServiceAccountKey(input);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problem).toBe(problem);
    expect(v.message).toMatch(message);
  });

  it('warns about an odd client_email without refusing the key', () => {
    const v = validateServiceAccountKey(text({ ...good, client_email: 'someone@example.com' }));
    expect(v.ok && v.warnings[0]).toContain('does not look like a service-account address');
  });
});
