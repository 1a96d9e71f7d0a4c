// Small data hooks over `call`: a resource that loads (and reloads) a channel, and an action whose
// error stays next to the control that ran it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, EventName, Events, Input, Output } from '../../../shared/contract.ts';
import { ApiError, call, getClient } from './client.ts';

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

export function useResource<C extends Channel>(channel: C, input?: Input<C>, deps: unknown[] = []): Resource<Output<C>> {
  const [data, setData] = useState<Output<C>>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const inputRef = useRef(input);
  inputRef.current = input;
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await (call as (c: C, i: unknown) => Promise<Output<C>>)(channel, inputRef.current));
      setError(undefined);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [channel]);
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload, ...deps]);
  return { data, error, loading, reload };
}

export interface Action<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  busy: boolean;
  error: string | undefined;
  clear(): void;
}

/** Wraps an async function: `busy` while it runs, and its failure as a readable message. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      return await fnRef.current(...args);
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, clear: () => setError(undefined) };
}

export function useEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => getClient().on(event, (p) => ref.current(p)), [event]);
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) {
    const field = typeof e.details?.field === 'string' ? ` (${e.details.field})` : '';
    return e.message.includes(String(e.details?.field ?? '\u0000')) ? e.message : `${e.message}${field}`;
  }
  return e instanceof Error ? e.message : String(e);
}
