/** The exports that need a person, as `status` and `sync` print them (JSON rows, and one line each for people). */
import type { Ledger } from '../ledger';

export function failedExports(ledger: Ledger, limit: number) {
  return ledger.outbox.list({ status: 'failed' }, { limit }).rows.map((j) => ({
    jobId: j.id,
    kind: j.kind,
    store: j.store,
    date: j.businessDate,
    message: j.lastError?.message ?? null,
    fix: j.lastError?.fix ?? null,
    qboCode: j.lastError?.qboCode ?? null,
    intuitTid: j.lastError?.intuitTid ?? null,
  }));
}

export function failedExportLines(failures: ReturnType<typeof failedExports>): string[] {
  return failures.map((f) => `  job ${f.jobId} (${f.kind}, store ${f.store ?? '-'}, ${f.date ?? '-'}): ${f.message}${f.fix ? `\n    Fix: ${f.fix}` : ''}`);
}
