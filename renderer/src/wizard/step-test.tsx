// Step 5: test the connection with the draft and its key: one row per check, each with its fix.
// A permission failure right after granting the role is often IAM propagation: retry on a countdown.

import { useEffect, useRef } from 'react';
import { call } from '../api/client.ts';
import { useAction } from '../api/hooks.ts';
import { CheckRows, sampleOf } from '../components/check-rows.tsx';
import { ErrorText, Notice } from '../components/feedback.tsx';
import { useCountdown } from './countdown.ts';
import type { StepProps } from './gcs-wizard.tsx';
import { draftOf, isPermissionFailure, keyInputOf } from './wizard-state.ts';

export const RETRY_SECONDS = 60;

export function StepTest({ state, update, existing }: StepProps) {
  const test = useAction(async () => {
    const key = keyInputOf(state);
    const check = await call('origins.check', { draft: draftOf(state, existing), ...(key ? { key } : {}) });
    update({ check });
    return check;
  });
  const countdown = useCountdown(() => void runTest());
  const runTest = async () => {
    countdown.cancel();
    const check = await test.run();
    if (check && !check.ok && isPermissionFailure(check)) countdown.start(RETRY_SECONDS);
  };
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!state.check) void runTest();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const check = state.check;
  const sample = sampleOf(check);
  return (
    <div className="stack">
      <p>
        Loupe checks the key, asks Google which permissions it holds on <code>gs://{state.bucket}</code> (a call that needs none), lists one object
        {state.prefix ? <> under <code>{state.prefix}</code></> : null} and reads it. It never asks for bucket metadata, which the read-only role cannot see.
      </p>
      <div className="row gap">
        <button type="button" className="btn" onClick={() => void runTest()} disabled={test.busy}>{test.busy ? 'Testing…' : check ? 'Test again' : 'Test connection'}</button>
        {check && !test.busy && (
          <span className={check.ok ? 'ok-text' : 'error-text'} role="status">
            {check.ok ? '✓ All checks passed' : `✗ ${check.checks.filter((r) => !r.ok).length} of ${check.checks.length} checks failed`}
          </span>
        )}
      </div>
      <ErrorText message={test.error} />
      <CheckRows result={check} running={test.busy} />
      {countdown.left !== undefined && (
        <div className="countdown" role="group" aria-label="Automatic retry">
          <div className="countdown-ring" aria-hidden="true" style={{ ['--progress' as string]: `${(countdown.left / RETRY_SECONDS) * 100}%` }}>
            {countdown.left}
          </div>
          <div className="stack-tight">
            <strong>Just granted the role? Retrying in <span data-testid="countdown-seconds">{countdown.left}</span> s</strong>
            <span className="muted small">IAM changes usually take about 2 minutes to apply, sometimes 7 or more.</span>
            <div className="row gap-sm">
              <button type="button" className="btn btn-small btn-primary" onClick={() => void runTest()}>Retry now</button>
              <button type="button" className="btn btn-small" onClick={countdown.cancel}>Cancel automatic retry</button>
            </div>
          </div>
        </div>
      )}
      {check?.ok && (
        <Notice tone="ok" title="Connected.">
          {sample ? <>Loupe read <code>{sample}</code> from your bucket; it appears as a preview once the origin is attached to an endpoint.</> : 'The bucket is reachable. It has no objects yet under this prefix.'}
        </Notice>
      )}
      {check && !check.ok && countdown.left === undefined && !test.busy && (
        <p className="muted">Fix what the failing rows say, then test again. You can also continue and save anyway; requests fail until access works.</p>
      )}
    </div>
  );
}
