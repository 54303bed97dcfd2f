/**
 * "Approve before posting" from the app: production only, a file dropped in the inbox waits on the POR data
 * screen, and approving it lets its documents go; nothing to approve is said plainly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedFile, feedInvoice } from '../../integration/inbox/inbox-test-files';
import { startTestCore, type TestCore } from './app-test-core';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('approve before posting, through the bridge', () => {
  it('is refused outside production', async () => {
    t = await startTestCore('practice');
    expect((await t.call('inbox:get', {})).approval).toMatchObject({ available: false, on: false, waiting: [] });
    await expect(t.call('inbox:approval-set', { on: true })).rejects.toMatchObject({ kind: 'refused', code: 'not-production' });
  });

  it('in production a new file waits for a person, then is approved', async () => {
    t = await startTestCore('production', { watchInbox: true });
    const on = await t.call('inbox:approval-set', { on: true });
    expect(on.approval).toMatchObject({ available: true, on: true, waiting: [] });
    await expect(t.call('inbox:approve', {})).rejects.toMatchObject({ code: 'nothing-waiting' });

    const inbox = on.dir!;
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'POR-feed-20260314.jsonl'), feedFile(feedInvoice('INV-1'), feedInvoice('INV-2')));
    const scanned = await t.call('inbox:scan', {});
    expect(scanned.approval.waiting).toMatchObject([{ fileName: 'POR-feed-20260314.jsonl', documents: 2 }]);

    const approved = await t.call('inbox:approve', { fileName: 'POR-feed-20260314.jsonl' });
    expect(approved.approval.waiting).toEqual([]);
    await expect(t.call('inbox:approve', { fileName: 'POR-feed-20260314.jsonl' })).rejects.toMatchObject({ code: 'nothing-waiting' });
  });
});
