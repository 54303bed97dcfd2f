import type { Environment } from '../environment';
import type { InputFormat } from './file-format';

/**
 * What happened to one document or one refused line:
 * accepted (new), duplicate (already here, nothing changed), revised (replaced an earlier revision),
 * pendingDecision (a regenerated GL block waiting for replace/keep), outdated (older than what we have),
 * rejected (quarantined with the reason).
 */
export type ItemOutcome = 'accepted' | 'duplicate' | 'revised' | 'pendingDecision' | 'outdated' | 'rejected';

export interface ImportItem {
  /** The imported file this item came from (absolute). */
  path: string;
  /** The file name as the reader names it in messages. */
  file: string;
  line: number | null;
  /** `<type>:<id>` when the item is a document. */
  key: string | null;
  field: string | null;
  outcome: ItemOutcome;
  revision: number | null;
  reason: string | null;
}

/** accepted: read (possibly with some lines quarantined); duplicateFile: these exact bytes were imported before; rejected: nothing taken. */
export type FileOutcome = 'accepted' | 'duplicateFile' | 'rejected';

export type OutcomeCounts = Record<ItemOutcome, number>;

export interface FileImportResult {
  path: string;
  name: string;
  format: InputFormat | null;
  sha256: string | null;
  size: number | null;
  outcome: FileOutcome;
  /** Why the file was refused (or the duplicate's note), or null. */
  reason: string | null;
  /** The name the same content was first imported under (outcome duplicateFile). */
  duplicateOf?: string | null;
  counts: OutcomeCounts;
  /** Did not block anything (e.g. read as Windows-1252). */
  warnings: string[];
}

export interface ImportReport {
  environment: Environment;
  files: FileImportResult[];
  items: ImportItem[];
  totals: OutcomeCounts & { files: number; filesAccepted: number; filesDuplicate: number; filesRejected: number };
}

export function emptyCounts(): OutcomeCounts {
  return { accepted: 0, duplicate: 0, revised: 0, pendingDecision: 0, outdated: 0, rejected: 0 };
}

/** True when nothing was refused: no rejected file and no rejected line. */
export function reportIsClean(report: ImportReport): boolean {
  return report.totals.filesRejected === 0 && report.totals.rejected === 0;
}

/** The file's reason without the leading `<name>: ` (for displays that already show the name). */
export function reasonWithoutName(file: Pick<FileImportResult, 'name' | 'reason'>): string {
  const r = file.reason ?? '';
  return r.startsWith(`${file.name}: `) ? r.slice(file.name.length + 2) : r;
}

/** Items worth listing under a file: everything but plain acceptances and the whole-file reason itself. */
export function itemsToShow(file: FileImportResult, items: readonly ImportItem[]): ImportItem[] {
  const whole = reasonWithoutName(file);
  return items.filter((i) => i.path === file.path && i.outcome !== 'accepted' && !(file.outcome === 'rejected' && i.line === null && i.reason === whole));
}
