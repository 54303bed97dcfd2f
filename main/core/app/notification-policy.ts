/**
 * When a status change deserves a desktop notification: only on entering a state that needs a person
 * (attention, error, disconnected), once per distinct problem, never while things are fine.
 */
import type { SyncStatus } from '../../../preload/contract';

export interface DesktopNotice {
  title: string;
  body: string;
}

const NEEDS_PERSON = new Set<SyncStatus['state']>(['attention', 'error', 'disconnected']);
const ENV = { practice: 'Practice', sandbox: 'Sandbox', production: 'Production' } as const;

export function noticeFor(previous: SyncStatus | null, next: SyncStatus): DesktopNotice | null {
  if (!NEEDS_PERSON.has(next.state)) return null;
  if (previous && previous.state === next.state && previous.message === next.message && previous.environment === next.environment) return null;
  const title =
    next.state === 'disconnected'
      ? `${ENV[next.environment]}: reconnect to QuickBooks`
      : next.state === 'error'
        ? `${ENV[next.environment]}: export failed`
        : `${ENV[next.environment]}: needs your attention`;
  return { title, body: next.message };
}
