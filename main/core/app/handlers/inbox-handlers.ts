/**
 * POR data: the watched inbox folder, what was imported or refused (file, line, field, reason),
 * regenerated days waiting for replace/keep, and in practice the simulated POR store's business days.
 */
import { approvalRequired, approveImports, importsAwaitingApproval, setApproveBeforePosting } from '../../inbox/import-approval';
import { profileOf } from '../../environment-profile';
import type { Handlers, InboxView } from '../../../../preload/contract';
import { LedgerError } from '../../ledger';
import { addDays } from '../../por/iso-date';
import { generatePracticeStore, MAX_PRACTICE_DAYS } from '../../por/practice';
import type { AppContext, AppSession } from '../app-context';
import { AppError } from '../../app-error';
import { revisionPreview, revisionsWaiting, RevisionNotWaiting } from '../views/revision-view';

export interface InboxControl {
  dir(): string;
  watching(): boolean;
  /** Imports whatever sits in the inbox now and waits until it is done. */
  scanNow(): Promise<void>;
}

const PRACTICE_START_KEY = 'ui.practiceStartDate';
const PRACTICE_DAYS_KEY = 'ui.practiceDays';
/** Three stores: the practice QuickBooks company has accounts for each, and classes for some (the rest are created in setup). */
const PRACTICE_STORES = 3;

function inboxView(session: AppSession, inbox: InboxControl): InboxView {
  const { ledger } = session;
  return {
    dir: inbox.dir(),
    watching: inbox.watching(),
    // Every arrival (duplicates too), in the one sentence the dashboard, the reason file and the CLI use.
    files: ledger.files.arrivals(20).map((a) => ({
      name: a.name,
      importedAt: a.at,
      outcome: a.status === 'refused' ? 'rejected' : 'accepted',
      reason: null,
      summary: a.summary,
      status: a.status,
      fix: a.fix,
    })),
    problems: ledger.quarantine.list({ open: true }, { limit: 50 }).rows.map((q) => ({
      file: q.file.split(/[\\/]/).pop() ?? q.file,
      line: q.line,
      field: q.field,
      reason: q.reason,
      at: q.receivedAt,
      fix: q.fix,
    })),
    // Regenerated GL blocks and revisions that arrived after their export: "Replace in QuickBooks" or keep.
    pendingRevisions: revisionsWaiting(ledger).map((r) => ({
      key: r.key,
      store: r.store,
      businessDate: r.businessDate,
      revision: r.revision,
      summary: r.summary,
      kind: r.kind,
    })),
    documents: ledger.documents.counts().active,
    practiceStore: profileOf(session.environment).practiceStore,
    approval: {
      available: session.profile.realBooks,
      on: approvalRequired(ledger),
      waiting: importsAwaitingApproval(ledger).map((f) => ({ fileName: f.fileName, documents: f.documents, recordedAt: f.recordedAt })),
    },
  };
}

/**
 * Practice store days. The generator is deterministic from its start date, so "more days" regenerates the
 * whole run from the same start: days already here come back identical (duplicates, no-ops).
 */
export function recordPracticeDays(session: AppSession, days: number, today = new Date().toISOString().slice(0, 10)): number {
  const { ledger } = session;
  const start = (ledger.settings.get(PRACTICE_START_KEY) as string | undefined) ?? addDays(today, -days);
  const total = Math.min(MAX_PRACTICE_DAYS, ((ledger.settings.get(PRACTICE_DAYS_KEY) as number | undefined) ?? 0) + days);
  const data = generatePracticeStore({ seed: 1, stores: PRACTICE_STORES, startDate: start, days: total });
  let accepted = 0;
  ledger.transaction(() => {
    for (const doc of data.documents) if (ledger.documents.record(doc).outcome === 'accepted') accepted++;
    // POR's own store setup (name and QB class) comes with the practice store; the export format is
    // still the person's choice in setup, so a new store starts off.
    for (const s of data.stores) {
      const current = ledger.stores.get(s.number);
      if (!current) ledger.stores.upsert({ store: s.number, name: s.city, className: s.className, exportFormat: 'off' });
    }
    ledger.settings.set(PRACTICE_START_KEY, start);
    ledger.settings.set(PRACTICE_DAYS_KEY, total);
  });
  return accepted;
}

export function inboxHandlers(
  ctx: AppContext,
  inbox: InboxControl,
): Pick<
  Handlers,
  'inbox:get' | 'inbox:scan' | 'inbox:decide' | 'inbox:approval-set' | 'inbox:approve' | 'practice:generate' | 'revision:preview' | 'revision:replace'
> {
  const view = async () => inboxView(await ctx.sessions.current(), inbox);
  return {
    'inbox:get': view,
    'inbox:approval-set': async ({ on }) => {
      const session = await ctx.sessions.current();
      if (!session.profile.realBooks)
        throw new AppError('refused', 'Approving files before they post is for Production, which writes the real books.', { code: 'not-production' });
      setApproveBeforePosting(session.ledger, on);
      ctx.changed('documents');
      return view();
    },
    'inbox:approve': async ({ fileName }) => {
      const session = await ctx.sessions.current();
      const { documents } = approveImports(session.ledger, { by: 'app', ...(fileName ? { fileName } : {}) });
      if (documents === 0)
        throw new AppError('refused', fileName ? `Nothing from ${fileName} waits for approval.` : 'No file waits for approval.', { code: 'nothing-waiting' });
      // What was held only for approval may go now.
      session.trigger();
      ctx.changed('documents', 'jobs');
      return view();
    },
    'inbox:scan': async () => {
      await inbox.scanNow();
      ctx.changed('documents', 'stores', 'mapping', 'setup');
      return view();
    },
    'inbox:decide': async ({ key, decision }) => {
      const session = await ctx.sessions.current();
      try {
        session.ledger.documents.decideRevision(key, decision);
      } catch (err) {
        if (err instanceof LedgerError) throw new AppError('refused', err.message, { code: 'decision' });
        throw err;
      }
      session.trigger();
      ctx.changed('documents', 'jobs');
      return view();
    },
    'revision:preview': async ({ key }) => {
      const session = await ctx.sessions.current();
      try {
        return revisionPreview(session.ledger, session.environment, key);
      } catch (err) {
        if (err instanceof RevisionNotWaiting || err instanceof LedgerError) throw new AppError('refused', err.message, { code: 'not-waiting' });
        throw err;
      }
    },
    'revision:replace': async ({ key }) => ctx.runs.replaceRevision(await ctx.sessions.current(), key),
    'practice:generate': async ({ days }) => {
      const session = await ctx.sessions.current();
      if (!profileOf(session.environment).practiceStore)
        throw new AppError('practice-only', 'The practice store runs in Practice only.', { code: 'not-practice' });
      recordPracticeDays(session, days);
      session.trigger();
      ctx.changed('documents', 'stores', 'mapping', 'setup');
      return view();
    },
  };
}
