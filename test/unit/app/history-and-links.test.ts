/** History paging and search in the core (real SQLite file), QuickBooks web addresses, and problem routing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { queryHistory } from '../../../main/core/app/views/history-view';
import { qboTransactionUrl } from '../../../main/core/app/views/qbo-links';
import { problemActionFor } from '../../../main/core/app/handlers/dashboard-handlers';
import { auditDetailText } from '../../../main/core/app/handlers/history-handlers';
import { isAllowedExternalUrl } from '../../../main/core/security/external-links';
import type { OutboxJob } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';
import { seedHistory, type SeededHistory } from '../../e2e/helpers/seed-history';

describe('history paging and search', () => {
  const dir = makeTempDir();
  let ledger: Ledger;
  let seeded: SeededHistory;
  const ROWS = 5_000;

  beforeAll(() => {
    seeded = seedHistory(dir.path, 'sandbox', ROWS);
    ledger = openLedger(dir.path, 'sandbox');
  });
  afterAll(() => {
    ledger.close();
    dir.remove();
  });

  const q = (over: Partial<Parameters<typeof queryHistory>[1]>) => queryHistory(ledger, { offset: 0, limit: 100, ...over });

  it('pages newest first with the total of the whole filter', () => {
    const first = q({});
    expect(first.total).toBe(ROWS);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]!.jobId).toBe(ROWS);
    const deep = q({ offset: ROWS - 10, limit: 500 });
    expect(deep.rows.map((r) => r.jobId)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(new Set([...first.rows, ...q({ offset: 100 }).rows].map((r) => r.jobId)).size).toBe(200);
  });

  it('filters by status, store and business-day range, and searches text, error codes and intuit_tid', () => {
    const failed = q({ status: 'failed', limit: 500 });
    expect(failed.total).toBe(seeded.failed);
    expect(failed.rows.every((r) => r.status === 'failed' && r.error?.code === '6210' && r.error.intuitTid === seeded.intuitTid && r.canRetry)).toBe(true);
    const store7 = q({ store: 7, limit: 500 });
    expect(store7.total).toBeGreaterThan(100);
    expect(store7.rows.every((r) => r.store === 7)).toBe(true);
    const day = store7.rows[0]!.businessDate!;
    const oneDay = q({ dateFrom: day, dateTo: day, limit: 500 });
    expect(oneDay.rows.every((r) => r.businessDate === day)).toBe(true);
    expect(q({ text: seeded.failedDoc.toLowerCase() }).rows.map((r) => r.docNumber)).toEqual([seeded.failedDoc]);
    expect(q({ text: 'books are closed' }).total).toBe(seeded.failed);
    expect(q({ text: seeded.intuitTid }).total).toBe(seeded.failed);
    expect(q({ text: '100%_' }).total).toBe(0); // LIKE wildcards are taken literally
    expect(q({ text: '4242' }).rows.some((r) => r.jobId === 4242)).toBe(true);
  });

  it('links posted sandbox rows to the sandbox web app; a failed row has no link', () => {
    const posted = q({ status: 'posted', limit: 1 }).rows[0]!;
    expect(posted.canOpen).toBe(true);
    expect(q({ status: 'failed', limit: 1 }).rows[0]!.canOpen).toBe(false);
  });
});

describe('QuickBooks web addresses', () => {
  it('points sandbox and production at their own hosts, and practice nowhere', () => {
    expect(qboTransactionUrl('sandbox', 'JournalEntry', '123')).toBe('https://app.sandbox.qbo.intuit.com/app/journal?txnId=123');
    expect(qboTransactionUrl('production', 'JournalEntry', '123')).toBe('https://app.qbo.intuit.com/app/journal?txnId=123');
    expect(qboTransactionUrl('production', 'Invoice', '9')).toBe('https://app.qbo.intuit.com/app/invoice?txnId=9');
    expect(qboTransactionUrl('practice', 'JournalEntry', '123')).toBeNull();
    expect(qboTransactionUrl('sandbox', 'JournalEntry', null)).toBeNull();
    // An id that is not a QBO id never becomes part of a URL.
    expect(qboTransactionUrl('sandbox', 'JournalEntry', '1&next=https://evil.example')).toBeNull();
    for (const entity of ['JournalEntry', 'Invoice', 'CreditMemo', 'Customer', 'Class', 'Item']) {
      expect(isAllowedExternalUrl(qboTransactionUrl('production', entity, '42'))).toBe(true);
    }
  });
});

describe('problems and the trail, in plain words', () => {
  const job = (error: OutboxJob['lastError']) => ({ lastError: error }) as OutboxJob;
  it('routes a failed export to the screen that fixes it', () => {
    // The kind decides, never the words: a message that mentions a class but is a QuickBooks refusal is retried.
    expect(problemActionFor(job({ message: 'POR account 1020-02 (store 2) is not mapped to a QuickBooks account.', kind: 'mapping', qboCode: null }))).toBe(
      'mapping',
    );
    expect(problemActionFor(job({ message: 'refused', kind: 'mapping', qboCode: '610' }))).toBe('mapping');
    expect(problemActionFor(job({ message: 'QuickBooks needs to be reconnected (token expired).', kind: 'not-connected', qboCode: '100' }))).toBe('reconnect');
    expect(problemActionFor(job({ message: 'The QuickBooks class "Store 2:Glendale" is inactive.', kind: 'classes', qboCode: null }))).toBe('classes');
    expect(problemActionFor(job({ message: 'Class tracking: the books are closed through 2026-01-31', kind: 'qbo', qboCode: '6210' }))).toBe('retry');
    expect(problemActionFor(job({ message: 'an older row without a kind mentions mapping and class', qboCode: null }))).toBe('retry');
  });
  it('shows audit details as short text without keys people do not need', () => {
    expect(auditDetailText({ idempotencyKey: 'x', documentKeys: ['a'], qboId: '12', docNumber: 'PR1' })).toBe('qboId: 12 · docNumber: PR1');
    expect(auditDetailText({ error: { message: 'closed', qboCode: '6210', intuitTid: 'tid-1' } })).toBe('error: closed (code 6210) intuit_tid tid-1');
    expect(auditDetailText({ idempotencyKey: 'x' })).toBeNull();
    expect(auditDetailText(null)).toBeNull();
  });
});
