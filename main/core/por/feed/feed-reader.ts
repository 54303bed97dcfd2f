/**
 * Reader for the POR document feed (POR.md, input 2): JSON Lines, one document per line. Each line is checked
 * on its own, so a bad line is reported (file, line, field) and the good lines of the same file still come
 * through. The same id and revision twice with different content is a conflict: neither copy is imported.
 */
import { centsToDecimal, type Cents } from '../../money';
import type { InputProblem, PorDocument, SourceRef } from '../model';
import { documentContentHash } from '../document-identity';
import { BINARY_MESSAGE, MAX_LINE_CHARS, decodeInputBytes, lineTooLongMessage, looksBinary, readInputFile } from '../input-text';
import { problem, refusedFile, type ReadResult } from '../read-result';
import { FEED_SCHEMAS, FEED_TYPES, type FeedType } from './feed-schemas';
import { fieldPath, issueMessage } from './feed-issues';
import { refusedFeedDocument, refusedParsedDocument } from './refused-feed-document';

/** More than this many problems on one line says nothing new. */
const MAX_PROBLEMS_PER_LINE = 5;

export function readFeedText(text: string, fileName: string): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return refusedFile(fileName, 'the file is empty');
  if (looksBinary(text)) return refusedFile(fileName, BINARY_MESSAGE);

  const problems: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const read: { doc: PorDocument; line: number }[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    if (raw.length > MAX_LINE_CHARS) {
      problems.push(problem(fileName, lineNo, null, lineTooLongMessage(raw.length)));
      continue;
    }
    const result = readFeedLine(raw, fileName, lineNo);
    if ('doc' in result) read.push({ doc: result.doc, line: lineNo });
    else problems.push(...result.problems);
  }
  const documents = dropConflictingDuplicates(read, fileName, problems, warnings);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { documents, problems, fileProblem: null, warnings };
}

export function readFeedLine(raw: string, file: string, line: number): { doc: PorDocument } | { problems: InputProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const cut = !raw.trimEnd().endsWith('}');
    return { problems: [problem(file, line, null, cut ? 'the line is not valid JSON: it looks cut off (no closing })' : 'the line is not valid JSON')] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'boolean' ? String(value) : `a ${typeof value}`;
    return { problems: [problem(file, line, null, `the line must be one JSON object (a document), got ${got}`)] };
  }
  const type = (value as { type?: unknown }).type;
  if (type === undefined) return { problems: [problem(file, line, 'type', 'missing required field')] };
  if (typeof type !== 'string' || !(FEED_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : String(JSON.stringify(type));
    return { problems: [problem(file, line, 'type', `unknown document type ${shown} (expected ${FEED_TYPES.join(', ')})`)] };
  }
  const parsed = FEED_SCHEMAS[type as FeedType].safeParse(value);
  if (!parsed.success) {
    const document = refusedFeedDocument(value as Record<string, unknown>);
    return {
      problems: parsed.error.issues
        .slice(0, MAX_PROBLEMS_PER_LINE)
        .map((issue) => ({ ...problem(file, line, fieldPath(issue.path) || null, issueMessage(issue, value)), document })),
    };
  }
  const eodProblems = parsed.data.type === 'eodBatch' ? eodLineProblems(parsed.data) : [];
  if (eodProblems.length > 0) {
    const document = refusedFeedDocument(value as Record<string, unknown>);
    return { problems: eodProblems.map((b) => ({ ...problem(file, line, b.field, b.message), document })) };
  }
  const source: SourceRef = { kind: 'feed', file, line };
  const doc = toDocument(parsed.data, source);
  const broken = businessProblems(doc);
  if (broken.length > 0) {
    const document = refusedParsedDocument(doc);
    return { problems: broken.map((b) => ({ ...problem(file, line, b.field, b.message), document })) };
  }
  return { doc };
}

type Parsed = { [K in FeedType]: import('zod').output<(typeof FEED_SCHEMAS)[K]> }[FeedType];

function toDocument(d: Parsed, source: SourceRef): PorDocument {
  const base = { id: d.id, store: d.store, businessDate: d.businessDate, revision: d.revision, source };
  switch (d.type) {
    case 'invoice':
      return {
        ...base,
        type: 'invoice',
        invoiceNumber: d.invoiceNumber,
        contractNumber: d.contractNumber,
        customer: d.customer,
        invoiceDate: d.invoiceDate,
        dueDate: d.dueDate ?? null,
        lines: d.lines,
        taxes: d.taxes,
        total: d.total,
        paidAtClose: d.paidAtClose,
        arAccount: d.arAccount,
      };
    case 'payment':
      return {
        ...base,
        type: 'payment',
        paymentId: d.paymentId,
        customerNumber: d.customerNumber,
        method: d.method,
        amount: d.amount,
        appliedTo: d.appliedTo,
        account: d.account,
        paymentSource: d.source,
      };
    case 'creditMemo':
      return {
        ...base,
        type: 'creditMemo',
        creditMemoNumber: d.creditMemoNumber,
        customer: d.customer,
        amount: d.amount,
        reason: d.reason,
        invoiceNumber: d.invoiceNumber,
        lines: d.lines ?? null,
      };
    case 'deposit':
      return { ...base, type: 'deposit', depositId: d.depositId, kind: d.kind, bankAccount: d.bankAccount, lines: d.lines };
    case 'eodBatch':
      return {
        ...base,
        type: 'eodBatch',
        batchNumber: d.batchNumber,
        // Exactly one of debit/credit (eodLineProblems): folded into one signed amount, debit positive.
        lines: d.lines.map((l) => ({ account: l.account, amount: (l.debit ?? 0) - (l.credit ?? 0), memo: l.memo, category: l.category })),
      };
    case 'storeDayClosed':
      return { ...base, type: 'storeDayClosed', eodCompletedAt: d.eodCompletedAt };
  }
}

const sum = (values: readonly Cents[]): Cents => values.reduce((a, b) => a + b, 0);
const dec = centsToDecimal;

/** Facts a schema cannot see: totals that must add up, or the document could never post balanced. */
function businessProblems(doc: PorDocument): { field: string | null; message: string }[] {
  const out: { field: string | null; message: string }[] = [];
  switch (doc.type) {
    case 'invoice': {
      const lines = sum(doc.lines.map((l) => l.amount));
      const taxes = sum(doc.taxes.map((t) => t.amount));
      if (lines + taxes !== doc.total) {
        out.push({
          field: 'total',
          message: `total ${dec(doc.total)} does not equal the lines (${dec(lines)}) plus taxes (${dec(taxes)}) = ${dec(lines + taxes)}`,
        });
      }
      const paid = sum(doc.paidAtClose.map((p) => p.amount));
      if (doc.total >= 0 && paid > doc.total) {
        out.push({ field: 'paidAtClose', message: `paid at close ${dec(paid)} is more than the invoice total ${dec(doc.total)}` });
      }
      break;
    }
    case 'payment': {
      const applied = sum(doc.appliedTo.map((a) => a.amount));
      if (applied > doc.amount) {
        out.push({ field: 'appliedTo', message: `applied ${dec(applied)} is more than the payment amount ${dec(doc.amount)}` });
      }
      break;
    }
    case 'eodBatch': {
      const debits = sum(doc.lines.filter((l) => l.amount > 0).map((l) => l.amount));
      const credits = -sum(doc.lines.filter((l) => l.amount < 0).map((l) => l.amount));
      if (debits !== credits) {
        out.push({
          field: 'lines',
          message: `the batch does not balance: debits ${dec(debits)}, credits ${dec(credits)}, difference ${dec(Math.abs(debits - credits))}`,
        });
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** Each EOD line carries exactly one of debit or credit, never negative. */
function eodLineProblems(d: Extract<Parsed, { type: 'eodBatch' }>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  d.lines.forEach((l, i) => {
    if ((l.debit === undefined) === (l.credit === undefined)) {
      out.push({ field: `lines[${i}]`, message: 'needs exactly one of debit or credit' });
    } else if ((l.debit ?? 0) < 0 || (l.credit ?? 0) < 0) {
      out.push({ field: `lines[${i}].${l.debit !== undefined ? 'debit' : 'credit'}`, message: 'must not be negative (use the other column)' });
    }
  });
  return out;
}

/** Same type+id+revision twice: identical copies are read once; different content is a conflict. */
export function dropConflictingDuplicates(
  read: { doc: PorDocument; line: number }[],
  file: string,
  problems: InputProblem[],
  warnings: InputProblem[],
): PorDocument[] {
  const groups = new Map<string, { doc: PorDocument; line: number; hash: string }[]>();
  for (const r of read) {
    const key = `${r.doc.type}:${r.doc.id}:${r.doc.revision}`;
    const entry = { ...r, hash: documentContentHash(r.doc) };
    const g = groups.get(key);
    if (g) g.push(entry);
    else groups.set(key, [entry]);
  }
  const keep = new Set<PorDocument>();
  for (const g of groups.values()) {
    const first = g[0]!;
    if (g.length === 1) {
      keep.add(first.doc);
      continue;
    }
    if (g.every((e) => e.hash === first.hash)) {
      keep.add(first.doc);
      for (const e of g.slice(1)) {
        warnings.push(problem(file, e.line, 'id', `the same document as line ${first.line}; it was read once`));
      }
      continue;
    }
    for (const e of g) {
      const others = g.filter((o) => o !== e).map((o) => o.line);
      problems.push({
        ...problem(
          file,
          e.line,
          'id',
          `${e.doc.type} "${e.doc.id}" revision ${e.doc.revision} also appears on line${others.length > 1 ? 's' : ''} ${others.join(', ')} with different content; neither is imported (give the correct one a higher revision)`,
        ),
        document: refusedParsedDocument(e.doc),
      });
    }
  }
  return read.filter((r) => keep.has(r.doc)).map((r) => r.doc);
}

/** Read a feed file from disk: detects the encoding, never throws on bad content. */
export async function readFeedFile(path: string): Promise<ReadResult> {
  const file = await readInputFile(path);
  if (!file.ok) return { documents: [], problems: [], fileProblem: file.fileProblem, warnings: [] };
  return readFeedBytes(file.bytes, file.fileName);
}

/** The same as readFeedFile for bytes already read (the import reads each file once, for its hash too). */
export function readFeedBytes(bytes: Uint8Array, fileName: string): ReadResult {
  const decoded = decodeInputBytes(bytes, fileName);
  if (!decoded.ok) return { documents: [], problems: [], fileProblem: decoded.fileProblem, warnings: [] };
  const result = readFeedText(decoded.text, fileName);
  // Binary junk is not "Windows-1252 text": the refusal says it all.
  if (decoded.warning && result.fileProblem?.message !== BINARY_MESSAGE) result.warnings.unshift(decoded.warning);
  return result;
}
