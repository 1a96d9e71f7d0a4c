// "Connect a Google Cloud Storage bucket": six steps after ImageKit's guide (ux-notes.md §5.1).

import { useCallback, useRef, useState } from 'react';
import type { OriginView } from '../../../shared/contract.ts';
import { StepAccount } from './step-account.tsx';
import { StepAttach } from './step-attach.tsx';
import { StepBucket } from './step-bucket.tsx';
import { StepGrant } from './step-grant.tsx';
import { StepKey } from './step-key.tsx';
import { StepTest } from './step-test.tsx';
import { bucketProblem, INITIAL_STATE, type WizardState } from './wizard-state.ts';

const STEPS = ['Bucket', 'Service account', 'Permission', 'JSON key', 'Test connection', 'Endpoint'] as const;

export interface StepProps {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  existing: OriginView[];
}

export function GcsWizard({ existing, onClose }: { existing: OriginView[]; onClose(): void }) {
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>(INITIAL_STATE);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const update = useCallback((patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch })), []);

  const canContinue = [
    state.bucket !== '' && !bucketProblem(state.bucket),
    true,
    true,
    state.key !== undefined && state.storage !== undefined,
    state.check !== undefined,
    false,
  ][step];

  const go = (n: number) => {
    setStep(n);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const props: StepProps = { state, update, existing };

  return (
    <div className="page wizard">
      <header className="page-header">
        <div>
          <button type="button" className="btn-link" onClick={onClose}>← Origins</button>
          <h1>Connect a Google Cloud Storage bucket</h1>
        </div>
      </header>
      <ol className="stepper" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} className={i === step ? 'is-current' : i < step ? 'is-done' : ''} aria-current={i === step ? 'step' : undefined}>
            {i < step ? (
              <button type="button" className="step-link" onClick={() => go(i)}>
                <span className="step-num" aria-hidden="true">✓</span> {label}
              </button>
            ) : (
              <span className="step-label">
                <span className="step-num" aria-hidden="true">{i + 1}</span> {label}
              </span>
            )}
          </li>
        ))}
      </ol>
      <section className="panel wizard-body" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1}>
          <span className="muted">Step {step + 1} of 6 · </span>
          {['Which bucket?', 'Create a read-only service account', 'Grant Storage Object Viewer on the bucket', 'Add the JSON key', 'Test the connection', 'Attach to an endpoint'][step]}
        </h2>
        {step === 0 && <StepBucket {...props} />}
        {step === 1 && <StepAccount {...props} />}
        {step === 2 && <StepGrant {...props} />}
        {step === 3 && <StepKey {...props} />}
        {step === 4 && <StepTest {...props} />}
        {step === 5 && <StepAttach {...props} onDone={onClose} onBack={() => go(4)} />}
      </section>
      {step < 5 && (
        <div className="wizard-nav">
          <button type="button" className="btn" onClick={() => (step === 0 ? onClose() : go(step - 1))}>{step === 0 ? 'Cancel' : 'Back'}</button>
          <button type="button" className="btn btn-primary" disabled={!canContinue} onClick={() => go(step + 1)}>
            {step === 4 && state.check && !state.check.ok ? 'Continue anyway' : 'Continue'}
          </button>
        </div>
      )}
    </div>
  );
}
