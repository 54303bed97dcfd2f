import { useCallback } from 'react';
import type { SyncStatus } from '../../../preload/contract';
import { useEvent, useRequest } from '../bridge/hooks';

/** The live sync status: loaded once, then kept current by status:changed events. */
export function useStatus(): SyncStatus | null {
  const { data, setData } = useRequest('status:get', {});
  const onChange = useCallback((next: SyncStatus) => setData(next), [setData]);
  useEvent('status:changed', onChange);
  return data;
}
