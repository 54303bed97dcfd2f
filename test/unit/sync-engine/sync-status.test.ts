import { describe, expect, it } from 'vitest';
import { SyncStatusSchema } from '../../../preload/contract';
import { StatusStream, deriveStatus, type StatusFacts } from '../../../main/core/sync/scheduler/sync-status';
import { EXIT, exitCodeForStatus } from '../../../main/core/use-cases/exit-codes';

const base: StatusFacts = {
  environment: 'sandbox',
  companyName: 'Sandbox Co',
  realmId: '123',
  connectionProblem: null,
  servicesOn: true,
  paused: false,
  running: false,
  progress: null,
  queued: 0,
  failed: 0,
  held: 0,
  pendingDecisions: 0,
  runError: null,
  consecutiveFailures: 0,
  holdReason: null,
  lastRunAt: Date.UTC(2026, 2, 14, 12),
  nextRunAt: Date.UTC(2026, 2, 14, 12, 1),
};

describe('deriveStatus', () => {
  it.each<[string, Partial<StatusFacts>, string, RegExp]>([
    ['up to date', {}, 'idle', /Up to date/],
    ['services off', { servicesOn: false, queued: 3 }, 'idle', /Services are off; 3 exports waiting/],
    ['syncing with progress', { running: true, progress: { done: 40, total: 120 } }, 'syncing', /40 of 120/],
    ['failed jobs', { failed: 2 }, 'attention', /2 exports failed and need a fix/],
    ['held at cutover', { held: 5, holdReason: 'Production is not ready yet: mapping' }, 'attention', /5 exports held \(Production is not ready/],
    ['regenerated file', { pendingDecisions: 1 }, 'attention', /1 regenerated POR entry waits for your decision/],
    ['blocked documents', { blockedDocuments: 2 }, 'attention', /2 POR documents can't be sent until you act/],
    ['refused POR input', { refusedInput: 3 }, 'attention', /3 problems in POR files kept POR data out of QuickBooks \(see POR data\)/],
    ['stopped company', { runError: 'The QuickBooks company cannot take new transactions.' }, 'error', /cannot take new/],
    ['unreachable again and again', { consecutiveFailures: 4, queued: 9 }, 'error', /4 times in a row/],
    ['paused', { paused: true, queued: 1 }, 'paused', /paused\. 1 export waiting/],
    [
      'disconnected wins',
      { connectionProblem: 'reconnect needed: token revoked', paused: true, failed: 1, queued: 2 },
      'disconnected',
      /^Reconnect needed: token revoked\. 2 exports wait/,
    ],
  ])('%s', (_name, patch, state, message) => {
    const status = deriveStatus({ ...base, ...patch });
    expect(status.state).toBe(state);
    expect(status.message).toMatch(message);
    expect(SyncStatusSchema.safeParse(status).success).toBe(true);
  });

  it('progress only while syncing; next run only while the services run', () => {
    expect(deriveStatus({ ...base, progress: { done: 1, total: 2 } }).progress).toBeNull();
    expect(deriveStatus({ ...base, paused: true }).nextRunAt).toBeNull();
    expect(deriveStatus(base).nextRunAt).toBe('2026-03-14T12:01:00.000Z');
  });

  it('exit codes follow the status', () => {
    expect(exitCodeForStatus(deriveStatus(base))).toBe(EXIT.ok);
    expect(exitCodeForStatus(deriveStatus({ ...base, failed: 1 }))).toBe(EXIT.attention);
    expect(exitCodeForStatus(deriveStatus({ ...base, connectionProblem: 'not connected' }))).toBe(EXIT.disconnected);
    expect(exitCodeForStatus(deriveStatus({ ...base, consecutiveFailures: 3, queued: 2 }))).toBe(EXIT.retryLater);
  });
});

describe('StatusStream', () => {
  it('publishes changes only, and a broken listener does not stop the others', () => {
    const stream = new StatusStream();
    const seen: string[] = [];
    stream.subscribe(() => {
      throw new Error('broken');
    });
    const off = stream.subscribe((s) => seen.push(s.state));
    stream.publish(deriveStatus(base));
    stream.publish(deriveStatus(base));
    stream.publish(deriveStatus({ ...base, running: true }));
    off();
    stream.publish(deriveStatus({ ...base, failed: 1 }));
    expect(seen).toEqual(['idle', 'syncing']);
    expect(stream.get()?.state).toBe('attention');
  });
});
