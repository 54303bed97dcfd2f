/**
 * The one sync status the tray, the renderer and `por-qbo status` show: derived from facts by a pure
 * function, so every state and its sentence are tested as data. Precedence, most urgent first:
 * disconnected > paused > syncing > error > attention > idle.
 */
import type { Environment } from '../../environment';

/** The states, most urgent first. The contract's schema (preload/schemas/status.ts) carries the same shape. */
export type SyncState = 'idle' | 'syncing' | 'attention' | 'error' | 'paused' | 'disconnected';

/** What the tray, the dashboard, notifications and `por-qbo status` show. */
export interface SyncStatus {
  environment: Environment;
  state: SyncState;
  /** One plain sentence for the tray tooltip and the dashboard. */
  message: string;
  companyName: string | null;
  realmId: string | null;
  queued: number;
  failed: number;
  lastRunAt: string | null;
  nextRunAt: string | null;
  progress: { done: number; total: number } | null;
}

export interface StatusFacts {
  environment: Environment;
  companyName: string | null;
  realmId: string | null;
  /** Null when connected; otherwise why not ("not connected", "reconnect needed: ..."). */
  connectionProblem: string | null;
  servicesOn: boolean;
  paused: boolean;
  running: boolean;
  progress: { done: number; total: number } | null;
  queued: number;
  failed: number;
  held: number;
  /** Regenerated POR files waiting for replace/keep. */
  pendingDecisions: number;
  /** Problems in POR input that kept POR data out of QuickBooks (open refusals). */
  refusedInput?: number;
  /** POR documents the planner cannot send until a person acts (revised after export, invalid, store not set up...). */
  blockedDocuments?: number;
  /** The last run stopped on something only a person can fix (company subscription, ...). */
  runError: string | null;
  /** Transient failures in a row (QBO unreachable, throttled, 5xx). */
  consecutiveFailures: number;
  /** Why documents are held (cutover not ready), when they are. */
  holdReason: string | null;
  lastRunAt: number | null;
  nextRunAt: number | null;
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function deriveStatus(f: StatusFacts): SyncStatus {
  const base = {
    environment: f.environment,
    companyName: f.companyName,
    realmId: f.realmId,
    queued: f.queued,
    failed: f.failed,
    lastRunAt: iso(f.lastRunAt),
    nextRunAt: f.servicesOn && !f.paused ? iso(f.nextRunAt) : null,
    progress: f.running ? f.progress : null,
  };
  const waiting = f.queued + f.held;
  if (f.connectionProblem) {
    return {
      ...base,
      state: 'disconnected',
      message: `${capitalize(f.connectionProblem)}.${waiting ? ` ${plural(waiting, 'export')} wait and go out after you reconnect.` : ''}`,
    };
  }
  if (f.paused) return { ...base, state: 'paused', message: `Sync is paused.${waiting ? ` ${plural(waiting, 'export')} waiting.` : ''}` };
  if (f.running) {
    const p = f.progress;
    return { ...base, state: 'syncing', message: p && p.total > 0 ? `Sending to QuickBooks: ${p.done} of ${p.total}.` : 'Sending to QuickBooks.' };
  }
  if (f.runError) return { ...base, state: 'error', message: f.runError };
  if (f.consecutiveFailures >= 3) {
    return { ...base, state: 'error', message: `QuickBooks could not be reached ${f.consecutiveFailures} times in a row; the app keeps retrying.` };
  }
  const needs: string[] = [];
  if (f.failed) needs.push(`${plural(f.failed, 'export')} failed and need${f.failed === 1 ? 's' : ''} a fix`);
  if (f.held) needs.push(`${plural(f.held, 'export')} held${f.holdReason ? ` (${f.holdReason})` : ''}`);
  if (f.blockedDocuments) needs.push(`${plural(f.blockedDocuments, 'POR document')} can't be sent until you act`);
  if (f.refusedInput) needs.push(`${plural(f.refusedInput, 'problem')} in POR files kept POR data out of QuickBooks (see POR data)`);
  if (f.pendingDecisions)
    needs.push(
      `${plural(f.pendingDecisions, 'regenerated POR entry', 'regenerated POR entries')} wait${f.pendingDecisions === 1 ? 's' : ''} for your decision`,
    );
  if (needs.length) return { ...base, state: 'attention', message: `${capitalize(needs.join('; '))}.` };
  if (!f.servicesOn) {
    return {
      ...base,
      state: 'idle',
      message: f.queued ? `Accounting Sync Services are off; ${plural(f.queued, 'export')} waiting.` : 'Accounting Sync Services are off.',
    };
  }
  return { ...base, state: 'idle', message: f.queued ? `${plural(f.queued, 'export')} waiting for the next run.` : 'Up to date.' };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Holds the current status and tells listeners when it changes (tray, renderer events, CLI --watch). */
export class StatusStream {
  private current: SyncStatus | null = null;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  get(): SyncStatus | null {
    return this.current;
  }

  publish(next: SyncStatus): void {
    if (this.current && JSON.stringify(this.current) === JSON.stringify(next)) return;
    this.current = next;
    for (const l of [...this.listeners]) {
      try {
        l(next);
      } catch {
        // a broken listener must not stop the others
      }
    }
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
