import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataTopic, EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '../../../preload/contract';
import { bridge } from './client';

export interface RequestState<C extends RequestChannel> {
  data: ResponseOf<C> | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (next: ResponseOf<C>) => void;
}

/**
 * Loads a request once (and again on reload()), with loading and error state for the screen. With
 * `topics`, it reloads whenever the core says one of them changed (data:changed), so a screen stays live.
 */
export function useRequest<C extends RequestChannel>(channel: C, request: RequestOf<C>, topics: readonly DataTopic[] = []): RequestState<C> {
  const [data, setData] = useState<ResponseOf<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(request);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await bridge().invoke(channel, JSON.parse(key) as RequestOf<C>);
      if (ticket !== latest.current) return; // a newer request won
      setData(value);
      setError(null);
    } catch (err) {
      if (ticket !== latest.current) return;
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [channel, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const topicKey = topics.join(',');
  useEffect(() => {
    if (!topicKey) return;
    const wanted = new Set(topicKey.split(','));
    return bridge().on('data:changed', ({ topics: changed }) => {
      if (changed.some((t) => wanted.has(t))) void reload();
    });
  }, [topicKey, reload]);
  return { data, error, loading, reload, setData };
}

/** Subscribes to an event for the component's lifetime. */
export function useEvent<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void) {
  useEffect(() => bridge().on(event, listener), [event, listener]);
}

/**
 * Runs one action at a time (a button press): busy while it runs, its error kept for the screen.
 * Returns the action's value, or undefined when it failed.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(name);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, run, setError };
}

export function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return bridge().invoke(channel, request);
}
