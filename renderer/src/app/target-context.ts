import { createContext, useContext } from 'react';
import type { SyncStatus } from '../../../preload/contract';
import { ENV_NAMES } from '../lib/format';

/** Which company every action writes to: the live status, shared with dialogs that must name it. */
export const StatusContext = createContext<SyncStatus | null>(null);

export function useTarget(): { environment: SyncStatus['environment']; envName: string; company: string } | null {
  const status = useContext(StatusContext);
  if (!status) return null;
  return { environment: status.environment, envName: ENV_NAMES[status.environment], company: status.companyName ?? 'no company connected' };
}
