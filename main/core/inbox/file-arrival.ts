/**
 * What happened to one file, in the words every screen uses (inbox, dashboard, reason file, CLI): imported,
 * duplicate of X, revision pending, partly recorded, or refused with nothing recorded. A fix is offered only
 * where the person reading can carry it out; a problem only someone else can fix says who.
 */
import type { ArrivalStatus } from '../ledger/file-registry';
import type { InputFormat } from './file-format';
import { reasonWithoutName, type FileImportResult } from './import-report';

export interface Arrival {
  status: ArrivalStatus;
  summary: string;
  fix: string | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The fix for a refused line or block of a file in this format (the rest of the file was kept). */
export function lineFix(format: InputFormat | null): string {
  return format === 'feed'
    ? 'The POR document feed wrote this line; send this message to whoever provides the feed so they correct it there. The rest of the file was kept.'
    : 'Export this day again from Point of Rental (GL export, IIF) and put the new file in the inbox; the rest of the file was kept. If the new file is refused the same way, send it with this message to your POR support.';
}

/** The fix for a file refused whole (nothing from it was recorded). */
export function wholeFileFix(file: Pick<FileImportResult, 'format' | 'sha256'>): string {
  if (file.sha256 === null)
    return 'Check that this computer can read the file (permissions, or close the program that holds it), then put it back in the inbox.';
  return file.format === 'feed'
    ? 'Nothing from this file was recorded. Send it with this message to whoever provides the POR document feed.'
    : 'Nothing from this file was recorded. Export the day again from Point of Rental (GL export, IIF) and put the new file in the inbox.';
}

export function arrivalOf(file: FileImportResult): Arrival {
  const c = file.counts;
  if (file.outcome === 'duplicateFile') {
    return {
      status: 'duplicate',
      summary: `Duplicate of ${file.duplicateOf ?? 'a file imported before'}: the same content was imported before; nothing new was recorded.`,
      fix: null,
    };
  }
  if (file.outcome === 'rejected') {
    return { status: 'refused', summary: `Refused: nothing from this file was recorded. ${reasonWithoutName(file)}`, fix: wholeFileFix(file) };
  }
  const parts = [
    c.accepted ? `${plural(c.accepted, 'new document')}` : null,
    c.revised ? `${plural(c.revised, 'revision')} replacing earlier ones` : null,
    c.duplicate ? `${c.duplicate} already here` : null,
    c.outdated ? `${c.outdated} older than what the app has (ignored)` : null,
  ].filter((p): p is string => p !== null);
  const brought = parts.length ? parts.join(', ') : 'nothing new';
  if (c.rejected) {
    return {
      status: 'partlyRecorded',
      summary: `Partly recorded: ${brought}; ${plural(c.rejected, 'problem')} kept part of it out (reconciliation shows what is missing).`,
      fix: lineFix(file.format),
    };
  }
  if (c.pendingDecision) {
    return {
      status: 'revisionPending',
      summary: `Imported (${brought}); ${plural(c.pendingDecision, 'regenerated entry', 'regenerated entries')} ${c.pendingDecision === 1 ? 'differs' : 'differ'} from what the app has and ${c.pendingDecision === 1 ? 'waits' : 'wait'} for your decision.`,
      fix: 'Open POR data and choose Replace in QuickBooks (sends the new content in place of the old) or Keep what QuickBooks has.',
    };
  }
  return { status: 'imported', summary: `Imported: ${brought}.`, fix: null };
}
