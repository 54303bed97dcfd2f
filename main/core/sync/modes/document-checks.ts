/**
 * A document that can't become balanced entries is held on its own, with a sentence saying why and where
 * it came from; everything else keeps flowing. Readers already validate shapes: these are the accounting
 * checks that only matter once we post.
 */
import { centsToDecimal } from '../../money';
import type { PorDocument, SourceRef } from '../../por/model';
import { sumCents } from './postings';

export function documentProblem(doc: PorDocument): string | null {
  const problem = accountingProblem(doc);
  return problem === null ? null : `${problem}${where(doc.source)}`;
}

function accountingProblem(doc: PorDocument): string | null {
  switch (doc.type) {
    case 'invoice': {
      const lines = sumCents(doc.lines.map((l) => l.amount));
      const tax = sumCents(doc.taxes.map((t) => t.amount));
      if (lines + tax !== doc.total) {
        return `Invoice ${doc.invoiceNumber}: lines (${centsToDecimal(lines)}) plus tax (${centsToDecimal(tax)}) come to ${centsToDecimal(lines + tax)}, but the invoice total is ${centsToDecimal(doc.total)}.`;
      }
      return null;
    }
    case 'creditMemo': {
      if (doc.lines === null || doc.lines.length === 0) {
        return doc.amount === 0
          ? null
          : `Credit memo ${doc.creditMemoNumber} has no lines, so there is no account to take the ${centsToDecimal(doc.amount)} from.`;
      }
      const lines = sumCents(doc.lines.map((l) => l.amount));
      if (lines !== doc.amount) {
        return `Credit memo ${doc.creditMemoNumber}: lines come to ${centsToDecimal(lines)}, but the amount is ${centsToDecimal(doc.amount)}.`;
      }
      return null;
    }
    case 'eodBatch':
    case 'glJournal': {
      const net = sumCents(doc.lines.map((l) => l.amount));
      if (net !== 0) {
        const what = doc.type === 'eodBatch' ? `EOD batch ${doc.batchNumber}` : `GL block ${doc.docNumber ?? doc.id}`;
        return `${what} does not balance: debits minus credits is ${centsToDecimal(net)}.`;
      }
      return null;
    }
    case 'payment':
    case 'deposit':
    case 'storeDayClosed':
      return null;
  }
}

function where(source: SourceRef): string {
  if (!source.file) return '';
  return ` (${source.file}${source.line !== null ? `, line ${source.line}` : ''})`;
}
