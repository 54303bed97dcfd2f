import { useCallback, useEffect, useState } from 'react';
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '../../../preload/contract';
import { bridge } from './client';

/** Loads a request once (and again on reload()), with loading and error state for the screen. */
export function useRequest<C extends RequestChannel>(channel: C, request: RequestOf<C>) {
  const [data, setData] = useState<ResponseOf<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(request);
  const reload = useCallback(async () => {
    try {
      setData(await bridge().invoke(channel, JSON.parse(key) as RequestOf<C>));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [channel, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}

/** Subscribes to an event for the component's lifetime. */
export function useEvent<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void) {
  useEffect(() => bridge().on(event, listener), [event, listener]);
}
