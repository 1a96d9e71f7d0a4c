// A labelled form field with an optional hint and error, wired with aria-describedby.

import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  onValue(value: string): void;
}

export function Field({ label, hint, error, onValue, className = '', ...input }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onValue(e.target.value)}
      />
      {hint && <div className="hint" id={hintId}>{hint}</div>}
      {error && <p className="error-text" role="alert" id={errorId}>⚠ {error}</p>}
    </div>
  );
}

export function Toggle({ label, checked, onChange, hint, disabled }: { label: string; checked: boolean; onChange(v: boolean): void; hint?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="toggle-field">
      <input id={id} type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && <div className="hint" id={`${id}-hint`}>{hint}</div>}
    </div>
  );
}
