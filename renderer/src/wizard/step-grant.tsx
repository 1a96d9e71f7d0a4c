// Step 3: grant Storage Object Viewer to the service account on this bucket (not the whole project).

import { CodeBlock } from '../components/copy-button.tsx';
import type { StepProps } from './gcs-wizard.tsx';
import { accountEmail, commands, consoleLinks } from './wizard-state.ts';

export function StepGrant({ state }: StepProps) {
  const links = consoleLinks(state);
  return (
    <div className="stack">
      <p>
        Give the service account read access to <code>gs://{state.bucket}</code> only. <em>Storage Object Viewer</em> holds{' '}
        <code>storage.objects.get</code> and <code>storage.objects.list</code>: enough to serve and browse, nothing more.
      </p>
      <div className="two-col">
        <div className="stack">
          <h3 className="sub-title">In the Cloud Console</h3>
          <a className="btn btn-small external" href={links.bucketPermissions} target="_blank" rel="noreferrer">Open the bucket's Permissions tab ↗</a>
          <ol className="plain-steps">
            <li>Click <b>Grant access</b>.</li>
            <li>New principals: <code>{accountEmail(state)}</code></li>
            <li>Role: <b>Cloud Storage → Storage Object Viewer</b>, then <b>Save</b>.</li>
          </ol>
        </div>
        <div className="stack">
          <h3 className="sub-title">Or with gcloud</h3>
          <CodeBlock label="Grant Storage Object Viewer on the bucket" code={commands(state).grant} />
        </div>
      </div>
      <p className="muted">Grant the role on the bucket rather than the project. IAM changes usually take about two minutes to apply; the connection test retries for you.</p>
    </div>
  );
}
