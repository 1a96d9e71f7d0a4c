// Step 2: create a service account for Loupe (console checklist or gcloud), and its JSON key.

import { useState } from 'react';
import { CodeBlock } from '../components/copy-button.tsx';
import { Field } from '../components/field.tsx';
import type { StepProps } from './gcs-wizard.tsx';
import { commands, consoleLinks } from './wizard-state.ts';

const CHECKLIST = [
  <>Open <b>IAM &amp; Admin → Service accounts</b> in the project that owns the bucket.</>,
  <>Click <b>Create service account</b>, name it <code>loupe-reader</code>, and skip the optional project roles: the role is granted on the bucket in the next step.</>,
  <>Open the new account → <b>Keys</b> → <b>Add key</b> → <b>Create new key</b> → <b>JSON</b>. The file downloads once; keep it for step 4.</>,
];

export function StepAccount({ state, update }: StepProps) {
  const [done, setDone] = useState<boolean[]>(CHECKLIST.map(() => false));
  const links = consoleLinks(state);
  const cmd = commands(state);
  return (
    <div className="stack">
      <p>Loupe reads your bucket as its own identity, a service account that can only read. Create it in the Cloud Console or with gcloud.</p>
      <div className="two-col">
        <div className="stack">
          <h3 className="sub-title">In the Cloud Console</h3>
          <a className="btn btn-small external" href={links.serviceAccounts} target="_blank" rel="noreferrer">Open Service accounts ↗</a>
          <ul className="checklist">
            {CHECKLIST.map((item, i) => (
              <li key={i}>
                <label>
                  <input type="checkbox" checked={done[i]} onChange={(e) => setDone(done.map((d, j) => (j === i ? e.target.checked : d)))} />
                  <span>{item}</span>
                </label>
              </li>
            ))}
          </ul>
        </div>
        <div className="stack">
          <h3 className="sub-title">Or with gcloud</h3>
          <Field label="Project ID (fills in the commands)" value={state.projectId} placeholder="my-project" onValue={(v) => update({ projectId: v.trim() })} spellCheck={false} />
          <CodeBlock label="Create the service account" code={cmd.createAccount} />
          <CodeBlock label="Create its JSON key" code={cmd.createKey} />
        </div>
      </div>
      <details className="advanced">
        <summary>“Service account key creation is disabled”?</summary>
        <p>
          Since May 2024 new Google Cloud organizations block JSON keys by default (policy <code>iam.disableServiceAccountKeyCreation</code>).
          An organization policy administrator can allow keys for this project (
          <a href={links.orgPolicies} target="_blank" rel="noreferrer">Organization policies ↗</a>). If the bucket is public, you can instead add it as
          a web-server origin with the base URL <code>https://storage.googleapis.com/{state.bucket || 'BUCKET'}/</code>.
        </p>
      </details>
    </div>
  );
}
