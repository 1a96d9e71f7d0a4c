// Step 1: the bucket name (and an optional prefix). No picker: the read-only role cannot list buckets.

import { useState } from 'react';
import { Field } from '../components/field.tsx';
import { cleanBucketName, cleanPrefix } from '../format.ts';
import type { StepProps } from './gcs-wizard.tsx';
import { bucketProblem, originIdOf } from './wizard-state.ts';

export function StepBucket({ state, update, existing }: StepProps) {
  const [raw, setRaw] = useState(state.bucket ? `${state.bucket}` : '');
  const [rawPrefix, setRawPrefix] = useState(state.prefix);
  const onBucket = (v: string) => {
    setRaw(v);
    const { bucket, prefix } = cleanBucketName(v);
    update(prefix !== undefined ? { bucket, prefix: cleanPrefix(prefix) } : { bucket });
    if (prefix !== undefined) setRawPrefix(cleanPrefix(prefix));
  };
  const problem = bucketProblem(state.bucket);
  return (
    <div className="stack">
      <p>Type the name of the bucket that holds your images, as it appears in the Cloud Console. A <code>gs://</code> URL works too.</p>
      <Field label="Bucket name" value={raw} onValue={onBucket} onBlur={() => setRaw(state.bucket)} placeholder="my-product-images" autoFocus spellCheck={false} autoComplete="off"
        error={problem}
        hint={state.bucket && !problem ? <>Loupe will read <code>gs://{state.bucket}/{state.prefix}</code></> : undefined} />
      <Field label="Folder inside the bucket (optional)" value={rawPrefix} placeholder="assets/" spellCheck={false} autoComplete="off"
        onValue={(v) => {
          setRawPrefix(v);
          update({ prefix: cleanPrefix(v) });
        }}
        hint="Only files under this prefix are served; URLs don't repeat it." />
      <aside className="explain">
        <strong>Why isn't there a list of my buckets?</strong>
        <p>
          Loupe asks for the least it needs: the <em>Storage Object Viewer</em> role, on this one bucket. That role can read and list the
          objects inside a bucket, but it cannot list the buckets of a project (that needs <code>storage.buckets.list</code>). So there is
          nothing Loupe could show in a picker, by design.
        </p>
      </aside>
      <details className="advanced">
        <summary>Advanced</summary>
        <div className="stack">
          <Field label="Origin name" value={state.originId} placeholder={originIdOf({ ...state, originId: '' }, existing)} onValue={(v) => update({ originId: v })}
            hint="How this origin is called in Loupe. Letters, digits, - or _." />
          <Field label="Storage API endpoint" value={state.apiEndpoint} placeholder="https://storage.googleapis.com" onValue={(v) => update({ apiEndpoint: v })}
            hint="Leave empty for Google Cloud. Set it for a GCS-compatible emulator, e.g. http://127.0.0.1:4443." spellCheck={false} />
        </div>
      </details>
    </div>
  );
}
