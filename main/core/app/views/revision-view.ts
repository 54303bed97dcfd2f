/**
 * Regenerated and revised POR documents whose new content differs from what QuickBooks holds, and the
 * old-vs-new preview of "Replace in QuickBooks": old = the posted exports that cover the document, new =
 * exactly what the planner would post once they are undone (a dry run inside a transaction that is rolled
 * back, so nothing is decided or written).
 */
import { AppError } from '../../app-error';
import type { PreviewEntry, RevisionPreview, RevisionWaiting } from '../../../../preload/contract';
import type { Ledger, OutboxJob, StoredDocument } from '../../ledger';
import { planStep } from '../../sync/engine/plan-step';
import { exportJobOf, isEnsureKind } from '../../sync/engine/job-payload';
import type { Environment } from '../../environment';
import { resolvePayload } from '../../sync/plan';
import { closedDaysIn } from '../../use-cases/exports';
import { previewEntry, refIndexFromCache } from './preview-view';

/** Posted exports covering a document (or its paid-at-close part). */
export function postedJobsFor(ledger: Ledger, key: string): OutboxJob[] {
  const rows = [key, `${key}#paid`].flatMap((k) => ledger.outbox.jobsForDocument(k)).filter((j) => j.status === 'posted' && !isEnsureKind(j.kind));
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** The highest revision of the document the posted exports carry (null: none posted). */
function postedRevisionOf(jobs: readonly OutboxJob[], key: string): number | null {
  let best: number | null = null;
  for (const j of jobs) {
    for (const c of exportJobOf(j)?.covers ?? []) if (c.key === key || c.key.startsWith(`${key}#`)) best = Math.max(best ?? 0, c.revision);
  }
  return best;
}

function waiting(doc: StoredDocument, kind: RevisionWaiting['kind'], postedRevision: number | null): RevisionWaiting {
  const what = doc.type === 'glJournal' ? 'the GL export' : 'this document';
  const summary =
    kind === 'regenerated'
      ? `POR wrote ${what} again (revision ${doc.revision}) with different content${postedRevision !== null ? ` than revision ${postedRevision}, which QuickBooks has` : ''}.`
      : `Revision ${doc.revision} arrived after revision ${postedRevision} was sent to QuickBooks.`;
  return { key: doc.key, store: doc.store, businessDate: doc.businessDate, revision: doc.revision, postedRevision, kind, summary };
}

/** Everything waiting for "Replace in QuickBooks" or "Keep": regenerated GL blocks, and revisions after export. */
export function revisionsWaiting(ledger: Ledger): RevisionWaiting[] {
  const out: RevisionWaiting[] = [];
  for (const doc of ledger.documents.pendingDecisions()) out.push(waiting(doc, 'regenerated', postedRevisionOf(postedJobsFor(ledger, doc.key), doc.key)));
  // A revised document is rare: only active revisions above 1 that a posted export covers are looked at.
  for (const key of ledger.reconciliation.revisedAndPosted()) {
    const doc = ledger.documents.get(key);
    if (!doc) continue;
    const posted = postedRevisionOf(postedJobsFor(ledger, key), key);
    if (posted !== null && posted < doc.revision) out.push(waiting(doc, 'revised', posted));
  }
  return out;
}

class Rollback extends Error {}

/** Old vs new for one document; nothing is written (the dry run's transaction is rolled back). */
export function revisionPreview(ledger: Ledger, environment: Environment, key: string): RevisionPreview {
  const revision = revisionsWaiting(ledger).find((r) => r.key === key);
  if (!revision) throw new RevisionNotWaiting(key);
  const refs = refIndexFromCache(ledger);
  const posted = postedJobsFor(ledger, key);
  const old: PreviewEntry[] = [];
  for (const row of posted) {
    const job = exportJobOf(row);
    if (job) old.push(previewEntry(job, refs, 'posted', row.id));
  }
  let fresh: PreviewEntry[] = [];
  const problems = new Map<string, { message: string; fix: string | null }>();
  try {
    ledger.transaction(() => {
      if (revision.kind === 'regenerated') ledger.documents.decideRevision(key, 'replace');
      const days = new Map<string, { store: number; businessDate: string }>();
      for (const j of posted)
        if (j.store !== null && j.businessDate) days.set(`${j.store}|${j.businessDate}`, { store: j.store, businessDate: j.businessDate });
      if (revision.store !== null) days.set(`${revision.store}|${revision.businessDate}`, { store: revision.store, businessDate: revision.businessDate });
      const plan = planStep(ledger, {
        environment,
        dryRun: true,
        releaseJobIds: posted.map((j) => j.id),
        closedDays: [...days.values()].flatMap((d) => closedDaysIn(ledger, { store: d.store, from: d.businessDate, to: d.businessDate })),
      });
      const touched = new Set([...days.keys()]);
      fresh = plan.plan.jobs
        .filter(
          (j) =>
            !isEnsureKind(j.kind) &&
            !j.nothingToPost &&
            (j.covers.some((c) => c.key === key || c.key.startsWith(`${key}#`)) || touched.has(`${j.store}|${j.txnDate}`)),
        )
        .map((j) => {
          const result = resolvePayload(j, refs);
          if ('problems' in result) for (const p of result.problems) problems.set(p.message, { message: p.message, fix: null });
          return previewEntry(j, refs, 'new');
        });
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return { revision, old, new: fresh, problems: [...problems.values()], canReplace: problems.size === 0 };
}

export class RevisionNotWaiting extends AppError {
  constructor(readonly key: string) {
    super('refused', `Nothing waits to be replaced for ${key}: QuickBooks already has its latest revision (or it was kept).`);
  }
}
