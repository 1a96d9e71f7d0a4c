// A cancellable countdown (the "retry in 60 s" after a 403: IAM changes take minutes to apply).

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Countdown {
  /** Seconds left, or undefined when not counting. */
  left: number | undefined;
  start(seconds: number): void;
  cancel(): void;
}

export function useCountdown(onDone: () => void): Countdown {
  const [left, setLeft] = useState<number>();
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  useEffect(() => {
    if (left === undefined) return;
    if (left <= 0) {
      setLeft(undefined);
      doneRef.current();
      return;
    }
    const t = setTimeout(() => setLeft((v) => (v === undefined ? v : v - 1)), 1000);
    return () => clearTimeout(t);
  }, [left]);
  const start = useCallback((seconds: number) => setLeft(seconds), []);
  const cancel = useCallback(() => setLeft(undefined), []);
  return { left, start, cancel };
}
