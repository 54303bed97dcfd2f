/**
 * Reader for POR's GL export in "IIF QuickBooks" format (POR.md, input 1). Each TRNS..ENDTRNS block becomes
 * one GlJournal. A bad block is reported (file, line, field) and skipped; every other block still comes
 * through. Columns are found by name in the `!TRNS` / `!SPL` header rows; list sections are skipped.
 * Written for speed (100,000 lines in a fraction of a second): one pass over the text, lines found with
 * indexOf, only the wanted fields of a row sliced out, each row folded into its transaction as it is read.
 */
import { MAX_CENTS, MoneyParseError, centsToDecimal, type Cents } from '../../money';
import type { GlJournal, GlLine, InputProblem, IsoDate, RefusedDocument } from '../model';
import { BINARY_MESSAGE, MAX_LINE_CHARS, decodeInputBytes, lineTooLongMessage, looksBinary, readInputFile, tooLargeProblem } from '../input-text';
import { problem, refusedFile, type ReadResult } from '../read-result';
import { iifAmountCents } from './iif-amount';
import { parseIifDate, type IifDateResult } from './iif-date';
import { splitIifLine, type SplitLine } from './iif-fields';
import { parseIifFileName } from './iif-file-name';
import { storeFromAccountSuffixes, storeFromClass } from './iif-store';

interface Columns {
  date: number;
  accnt: number;
  amount: number;
  klass: number;
  docnum: number;
  memo: number;
  name: number;
  /** The highest of the indexes above: fields after it are never looked at. */
  last: number;
}

/** A TRNS or SPL row's wanted fields, trimmed ('' when the row has no such field). One at a time: reused. */
interface RowValues {
  date: string;
  accnt: string;
  amount: string;
  klass: string;
  docnum: string;
  memo: string;
  name: string;
  /** The AMOUNT field was quoted (thousands separators are read only there). */
  amountQuoted: boolean;
}

/** A TRNS..ENDTRNS block being read: its rows are checked and turned into lines as they arrive. */
interface Block {
  startLine: number;
  /** The TRNS row's class, DOCNUM and MEMO (for the journal itself). */
  className: string | null;
  docNumber: string | null;
  memo: string | null;
  date: IsoDate | null;
  lines: GlLine[];
  /** Problems of its rows, in row order. */
  problems: InputProblem[];
  /** Set when the block was broken before ENDTRNS (a stray row inside it). */
  brokenBy: InputProblem | null;
}

const BLANK = /^\s*$/;
const REQUIRED_TRNS = ['DATE', 'ACCNT', 'AMOUNT'] as const;
const REQUIRED_SPL = ['ACCNT', 'AMOUNT'] as const;

function columnsOf(header: string[]): { cols: Columns; names: Set<string> } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toUpperCase();
    if (i > 0 && key && !index.has(key)) index.set(key, i);
  });
  const at = (name: string): number => index.get(name) ?? -1;
  const cols = {
    date: at('DATE'),
    accnt: at('ACCNT'),
    amount: at('AMOUNT'),
    klass: at('CLASS'),
    docnum: at('DOCNUM'),
    memo: at('MEMO'),
    name: at('NAME'),
    last: 0,
  };
  cols.last = Math.max(cols.date, cols.accnt, cols.amount, cols.klass, cols.docnum, cols.memo, cols.name);
  return { cols, names: new Set(index.keys()) };
}

/** Start and end offsets of the fields of the plain line being read (reused: one line at a time). */
let bounds = new Int32Array(64);
let boundsCount = 0;

/** Finds the tabs of a line without quotes up to the last wanted column; the other fields are never sliced. */
function scanFields(text: string, last: number): void {
  if (bounds.length < 2 * (last + 1)) bounds = new Int32Array(2 * (last + 1));
  boundsCount = last + 1;
  let start = 0;
  for (let f = 0; f <= last; f++) {
    const tab = text.indexOf('\t', start);
    bounds[2 * f] = start;
    if (tab < 0) {
      bounds[2 * f + 1] = text.length;
      boundsCount = f + 1;
      return;
    }
    bounds[2 * f + 1] = tab;
    start = tab + 1;
  }
}

/** Field `index` of the line scanFields last saw, trimmed ('' when the line has no such field). */
function scanned(text: string, index: number): string {
  return index < 0 || index >= boundsCount ? '' : text.slice(bounds[2 * index]!, bounds[2 * index + 1]!).trim();
}

/**
 * The texts a field held lately, by field and row of its block: a GL export repeats them (a block's class and
 * date on every row, the same accounts, names and memos row by row, block after block).
 */
const RECENT_ROWS = 32;
const recent: string[] = new Array<string>(RECENT_ROWS * 5).fill('');
let rowInBlock = 0;

/**
 * scanned() for a field that repeats: when the field is exactly the text it held last time (compared in place:
 * that text is trimmed, so equal means the same value), that string again, without slicing or interning.
 */
function scannedRepeated(text: string, index: number, field: number): string {
  if (index < 0 || index >= boundsCount) return '';
  const start = bounds[2 * index]!;
  const end = bounds[2 * index + 1]!;
  // The date and the class repeat down the block (one slot); accounts, names and memos row by row.
  const slot = field < 2 ? field : (rowInBlock < RECENT_ROWS ? rowInBlock : RECENT_ROWS - 1) * 5 + field;
  const last = recent[slot]!;
  if (last.length === end - start && text.startsWith(last, start)) return last;
  const value = intern(text.slice(start, end).trim());
  recent[slot] = value;
  return value;
}

/** Field `index` of a line splitIifLine split (quoted fields come back unquoted), trimmed. */
function splitField(fields: string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '').trim();
}

const row: RowValues = { date: '', accnt: '', amount: '', klass: '', docnum: '', memo: '', name: '', amountQuoted: false };

/** Fills `row` with the wanted fields of a line, split by splitIifLine when it has quotes (`split`). */
function readRow(cols: Columns, text: string, split: SplitLine | null): RowValues {
  if (split) {
    const f = split.fields;
    row.date = splitField(f, cols.date);
    row.accnt = splitField(f, cols.accnt);
    row.amount = splitField(f, cols.amount);
    row.klass = splitField(f, cols.klass);
    row.docnum = splitField(f, cols.docnum);
    row.memo = splitField(f, cols.memo);
    row.name = splitField(f, cols.name);
    row.amountQuoted = split.quoted.includes(cols.amount);
  } else {
    scanFields(text, cols.last);
    row.date = scannedRepeated(text, cols.date, 0);
    row.accnt = scannedRepeated(text, cols.accnt, 2);
    row.amount = scanned(text, cols.amount);
    row.klass = scannedRepeated(text, cols.klass, 1);
    row.docnum = scanned(text, cols.docnum);
    row.memo = scannedRepeated(text, cols.memo, 3);
    row.name = scannedRepeated(text, cols.name, 4);
    row.amountQuoted = false;
  }
  return row;
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/** True for a line of nothing but whitespace; the letters rows start with answer without a regex. */
function isBlank(raw: string): boolean {
  if (raw.length === 0) return true;
  const c = raw.charCodeAt(0);
  if (c === 84 /* T */ || c === 83 /* S */ || c === 69 /* E */ || c === 33 /* ! */) return false;
  return BLANK.test(raw);
}

/** The first field of a line without quotes (what splitIifLine would give as fields[0]). */
function firstField(raw: string): string {
  const tab = raw.indexOf('\t');
  return tab < 0 ? raw : raw.slice(0, tab);
}

/**
 * `onJournal`: each journal is handed over as soon as its block is read, instead of being kept in
 * `documents` (which then stays empty): a big file's journals are recorded while the rest is read.
 */
export function readIifText(text: string, fileName: string, onJournal?: (journal: GlJournal) => void): ReadResult {
  try {
    const result = readText(text, fileName, onJournal);
    // A whole file refused still names its day (PRyymmdd): reconciliation counts the day as missing input.
    if (result.fileProblem && !result.fileProblem.document) result.fileProblem.document = refusedFileDocument(fileName);
    return result;
  } finally {
    interned.clear();
    recent.fill('');
  }
}

function readText(text: string, fileName: string, onJournal: ((journal: GlJournal) => void) | undefined): ReadResult {
  const warnings: InputProblem[] = [];
  const name = parseIifFileName(fileName);
  if (!name.recognised) {
    warnings.push(problem(fileName, null, null, 'the file name is not PRyymmdd or PRyymmMONTHLYONLY; it was read as a daily export'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return refusedFile(fileName, 'the file is empty', warnings);
  if (looksBinary(text)) return refusedFile(fileName, BINARY_MESSAGE, warnings);

  const documents: GlJournal[] = [];
  const keep = onJournal ?? ((journal: GlJournal) => void documents.push(journal));
  const problems: InputProblem[] = [];
  let trnsCols: Columns | null = null;
  let splCols: Columns | null = null;
  let sawTrnsHeader = false;
  let sawSplHeader = false;
  let sawSplRow = false;
  let sawTrnsRow = false;
  const listKeywords = new Set<string>();
  let block: Block | null = null;
  /** Blocks seen per store, per date, so ids are the same each time the same file (or a regeneration) is read. */
  const ordinals: Ordinals = new Map();

  const finish = (b: Block, closed: InputProblem | null): void => {
    const result = buildJournal(b, fileName, name.period, name.fileDate, closed, ordinals);
    if (result.journal) keep(result.journal);
    if (result.problems.length) problems.push(...result.problems);
    if (result.warnings.length) warnings.push(...result.warnings);
  };

  // Lines end at CRLF, LF or a lone CR (as text.split(/\r\n|\n|\r/) would cut them), found with indexOf.
  let pos = 0;
  let nextLf = -2;
  let nextCr = -2;
  /** The next quote at or after the line start: a line has one only if it comes before the line's end. */
  let nextQuote = -2;
  for (let lineNo = 1; pos <= text.length; lineNo++) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    const end = nextLf < 0 ? (nextCr < 0 ? text.length : nextCr) : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
    if (end - pos > MAX_LINE_CHARS) {
      return { documents: [], problems: [], fileProblem: problem(fileName, lineNo, null, lineTooLongMessage(end - pos)), warnings };
    }
    const raw = text.slice(pos, end);
    const quoted = nextQuote !== -1 && nextQuote < end;
    pos = end === nextCr && nextLf === end + 1 ? end + 2 : end + 1;
    if (isBlank(raw)) continue;
    let split = quoted ? splitIifLine(raw) : null;
    if (split?.unterminatedQuote) {
      const joined = joinQuotedLines(text, raw, pos);
      if (joined) {
        split = joined.split;
        pos = joined.pos;
        lineNo += joined.extraLines;
      }
    }
    const first = split ? split.fields[0]! : firstField(raw);
    // Fast path: POR writes the keywords exactly; anything else is normalised.
    const keyword = first === 'TRNS' || first === 'SPL' || first === 'ENDTRNS' ? first : first.trim().toUpperCase();

    if (keyword.startsWith('!')) {
      const header = keyword.slice(1);
      if (header === 'TRNS' || header === 'SPL') {
        const { cols, names } = columnsOf(split ? split.fields : raw.split('\t'));
        const required = header === 'TRNS' ? REQUIRED_TRNS : REQUIRED_SPL;
        const missing = required.find((c) => !names.has(c));
        if (missing) {
          return {
            documents: [],
            problems: [],
            warnings,
            fileProblem: problem(fileName, lineNo, missing, `the !${header} header row has no ${missing} column, so no transaction can be read`),
          };
        }
        if (header === 'TRNS') {
          trnsCols = cols;
          sawTrnsHeader = true;
        } else {
          splCols = cols;
          sawSplHeader = true;
        }
      } else if (header !== 'ENDTRNS') {
        listKeywords.add(header);
      }
      continue;
    }

    if (keyword === 'TRNS') {
      sawTrnsRow = true;
      if (block) {
        finish(
          block,
          problem(fileName, block.startLine, null, `the transaction has no ENDTRNS row before the next TRNS row (line ${lineNo}); it was not imported`),
        );
      }
      block = { startLine: lineNo, className: null, docNumber: null, memo: null, date: null, lines: [], problems: [], brokenBy: null };
      rowInBlock = 0;
      addRow(block, fileName, lineNo, 'TRNS', trnsCols, raw, split);
    } else if (keyword === 'SPL') {
      sawSplRow = true;
      if (block) {
        rowInBlock++;
        addRow(block, fileName, lineNo, 'SPL', splCols, raw, split);
      } else problems.push(problem(fileName, lineNo, null, 'SPL row outside a transaction (no TRNS row before it); it was ignored'));
    } else if (keyword === 'ENDTRNS') {
      if (block) {
        finish(block, null);
        block = null;
      } else {
        problems.push(problem(fileName, lineNo, null, 'ENDTRNS row without a TRNS row before it; it was ignored'));
      }
    } else if (listKeywords.has(keyword)) {
      // A row of a list section (!ACCNT, !CLASS, !CUST...): not accounting data for us.
    } else {
      const written = first.trim();
      const shown = written.length > 20 ? `${written.slice(0, 20)}…` : written;
      if (block) {
        block.brokenBy ??= problem(
          fileName,
          lineNo,
          null,
          `unrecognised row "${shown}" inside the transaction that starts on line ${block.startLine}; the transaction was not imported`,
        );
      } else {
        problems.push(problem(fileName, lineNo, null, `unrecognised row "${shown}" (expected TRNS, SPL or ENDTRNS); it was ignored`));
      }
    }
  }
  if (block) {
    finish(block, problem(fileName, block.startLine, null, 'the transaction has no ENDTRNS row: the file ends first (truncated?); it was not imported'));
  }

  if (!sawTrnsHeader) {
    return refusedFile(
      fileName,
      sawTrnsRow
        ? 'the file has TRNS rows but no !TRNS header row naming the columns'
        : 'no transactions: the file has no !TRNS header or TRNS rows (is it a POR GL export in IIF format?)',
      warnings,
    );
  }
  if (sawSplRow && !sawSplHeader) {
    return refusedFile(fileName, 'the file has SPL rows but no !SPL header row naming the columns', warnings);
  }
  if (!sawTrnsRow) {
    return refusedFile(fileName, 'no transactions: the file has a !TRNS header but no TRNS rows', warnings);
  }
  return { documents, problems, fileProblem: null, warnings };
}

/** A quoted field may span at most this many more lines (a memo with line breaks, never a whole file). */
const MAX_EXTRA_LINES = 20;

/**
 * A row whose quoted field is still open at the end of the line: the field goes on over the next lines (a
 * memo with a line break) until its closing quote. Never across the start of another row (TRNS, SPL,
 * ENDTRNS or a header): a quote left open by mistake must not swallow rows whose money would then be lost
 * silently; then null, and the row is refused as before. Line breaks inside the field read as spaces.
 */
function joinQuotedLines(text: string, raw: string, pos: number): { split: SplitLine; pos: number; extraLines: number } | null {
  let joined = raw;
  for (let extra = 1; extra <= MAX_EXTRA_LINES && pos <= text.length; extra++) {
    const lf = text.indexOf('\n', pos);
    const cr = text.indexOf('\r', pos);
    const end = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
    const next = text.slice(pos, end);
    const first = next.split('\t', 1)[0]!.trim().replace(/^"/, '').toUpperCase();
    if (first === 'TRNS' || first === 'SPL' || first === 'ENDTRNS' || first.startsWith('!')) return null;
    joined += `\n${next}`;
    pos = end === cr && lf === end + 1 ? end + 2 : end + 1;
    const split = splitIifLine(joined);
    if (!split.unterminatedQuote) {
      split.fields = split.fields.map((f) => (f.includes('\n') ? f.replace(/[ \t]*\n[ \t]*/g, ' ') : f));
      return { split, pos, extraLines: extra };
    }
  }
  return null;
}

/** Blocks seen so far per store (null: unknown), per date. */
type Ordinals = Map<number | null, Map<string, number>>;

interface BuiltJournal {
  journal: GlJournal | null;
  problems: InputProblem[];
  warnings: InputProblem[];
}

/** Dates repeat on every row of a file: parse each distinct text once. */
const dateCache = new Map<string, IifDateResult>();
/** The rows of a block share their date: a string compare instead of a lookup. */
const lastDate: { text: string; result: IifDateResult | undefined } = { text: '', result: undefined };

/**
 * Checks one row of a block and adds its line. Every problem names the row; the block is then not imported,
 * but its other rows are still checked so one reading reports all that is wrong with it.
 */
function addRow(b: Block, file: string, line: number, kind: 'TRNS' | 'SPL', cols: Columns | null, text: string, split: SplitLine | null): void {
  if (!cols) {
    addRowProblem(b, file, line, null, `${kind} row before any !${kind} header row naming the columns`);
    return;
  }
  const r = readRow(cols, text, split);
  if (kind === 'TRNS') {
    // Taken before the row is checked: a rejected block still takes its place in its store's sequence.
    b.className = orNull(r.klass);
    b.docNumber = orNull(r.docnum);
    b.memo = orNull(r.memo);
  }
  if (split?.unterminatedQuote) {
    addRowProblem(b, file, line, null, 'a quoted field is never closed (missing ")');
    return;
  }
  const dateText = r.date;
  if (kind === 'TRNS' || dateText !== '') {
    if (dateText === '') {
      addRowProblem(b, file, line, 'DATE', 'MISSING MANDATORY FIELD DATE: the row has no date');
    } else {
      let parsed = dateText === lastDate.text ? lastDate.result : dateCache.get(dateText);
      if (!parsed) {
        parsed = parseIifDate(dateText);
        if (dateCache.size < 10_000) dateCache.set(dateText, parsed);
      }
      lastDate.text = dateText;
      lastDate.result = parsed;
      if (!parsed.ok) addRowProblem(b, file, line, 'DATE', `DATE "${dateText}" ${parsed.reason}`);
      else if (kind === 'TRNS') b.date = parsed.date;
    }
  }
  const account = r.accnt;
  if (account === '') addRowProblem(b, file, line, 'ACCNT', 'MISSING MANDATORY FIELD ACCNT: the row names no account');
  const amountText = r.amount;
  let amount: Cents | null = null;
  if (amountText === '') {
    addRowProblem(b, file, line, 'AMOUNT', 'MISSING MANDATORY FIELD AMOUNT: the row has no amount');
  } else {
    try {
      amount = iifAmountCents(amountText, r.amountQuoted);
    } catch (err) {
      if (!(err instanceof MoneyParseError)) throw err;
      addRowProblem(b, file, line, 'AMOUNT', `AMOUNT ${err.message}`);
    }
  }
  // Members in sorted order: the ledger's canonical JSON takes a fast path for lines built so.
  if (account !== '' && amount !== null) {
    // Interned already when read from a plain row (scannedRepeated); a quoted row's fields are interned here.
    b.lines.push(
      split
        ? { account: intern(account), amount, className: internOrNull(r.klass), memo: internOrNull(r.memo), name: internOrNull(r.name) }
        : { account, amount, className: orNull(r.klass), memo: orNull(r.memo), name: orNull(r.name) },
    );
  }
}

/**
 * Accounts, classes, memos and names repeat from row to row: one string for each distinct text keeps
 * thousands of copies from outliving the read (less for the garbage collector to move). Per file, bounded.
 */
const interned = new Map<string, string>();

function intern(text: string): string {
  const hit = interned.get(text);
  if (hit !== undefined) return hit;
  if (interned.size < 20_000) interned.set(text, text);
  return text;
}

function internOrNull(text: string): string | null {
  return text === '' ? null : intern(text);
}

function isZero(line: GlLine): boolean {
  return line.amount === 0;
}

function addRowProblem(b: Block, file: string, line: number, fieldName: string | null, message: string): void {
  b.problems.push(problem(file, line, fieldName, `${message}; the transaction on line ${b.startLine} was not imported`));
}

/** Closes a block: its journal, or why it was not imported. */
function withDocument(p: InputProblem, document: RefusedDocument): InputProblem {
  return { ...p, document };
}

function buildJournal(
  b: Block,
  file: string,
  period: 'daily' | 'monthly',
  fileDate: IsoDate | null,
  closed: InputProblem | null,
  ordinals: Ordinals,
): BuiltJournal {
  const { problems, lines, date } = b;
  const className = b.className;
  let store = storeFromClass(className);
  if (store === null) {
    for (const l of lines) {
      store = storeFromClass(l.className);
      if (store !== null) break;
    }
  }
  if (store === null) {
    const accounts: string[] = [];
    for (const l of lines) accounts.push(l.account);
    store = storeFromAccountSuffixes(accounts);
  }

  // Every block with a readable date takes its place in the store+date sequence, even a rejected one, so a
  // regenerated file that fixes it gives every block the same id as before.
  let id: string | null = null;
  if (date !== null) {
    // By store, then by date: the date strings come from the date cache, so their hashes are already known.
    let byDate = ordinals.get(store);
    if (!byDate) ordinals.set(store, (byDate = new Map()));
    const n = (byDate.get(date) ?? 0) + 1;
    byDate.set(date, n);
    id = `${period === 'monthly' ? 'gl-monthly' : 'gl'}:${store ?? 'unknown'}:${date}:${n}`;
  }

  // What reconciliation counts on POR's side while the block is refused: its place and the lines read.
  const refused = (): RefusedDocument => ({
    key: id === null ? null : `glJournal:${id}`,
    store,
    businessDate: date ?? fileDate,
    postings: lines.filter((l) => l.amount !== 0).map((l) => [l.account, l.amount]),
    complete: problems.length === 0 && !b.brokenBy && !closed,
  });
  if (b.brokenBy) problems.push(b.brokenBy);
  if (closed) problems.push(closed);
  if (problems.length > 0 || date === null || id === null) {
    const document = refused();
    return { journal: null, problems: problems.map((p) => ({ ...p, document })), warnings: [] };
  }

  let debits = 0;
  let credits = 0;
  for (const l of lines) {
    if (l.amount > 0) debits += l.amount;
    else credits -= l.amount;
  }
  if (debits !== credits) {
    const diff = Math.abs(debits - credits);
    return {
      journal: null,
      warnings: [],
      problems: [
        withDocument(
          problem(
            file,
            b.startLine,
            'AMOUNT',
            `the transaction does not balance: debits ${centsToDecimal(debits)}, credits ${centsToDecimal(credits)}, difference ${centsToDecimal(diff)}; it was not imported`,
          ),
          refused(),
        ),
      ],
    };
  }
  if (debits > MAX_CENTS) {
    return {
      journal: null,
      warnings: [],
      problems: [
        withDocument(
          problem(
            file,
            b.startLine,
            'AMOUNT',
            `the transaction totals ${centsToDecimal(debits)}, more than the largest amount QuickBooks accepts (${centsToDecimal(MAX_CENTS)}); it was not imported`,
          ),
          refused(),
        ),
      ],
    };
  }
  let kept = lines;
  if (lines.some(isZero)) kept = lines.filter((l) => !isZero(l));
  if (kept.length === 0) {
    return {
      journal: null,
      problems: [],
      warnings: [problem(file, b.startLine, 'AMOUNT', 'the transaction has only zero amounts; there is nothing to import')],
    };
  }
  return {
    problems: [],
    warnings: [],
    journal: {
      type: 'glJournal',
      id,
      store,
      businessDate: date,
      revision: 1,
      source: { kind: 'iif', file, line: b.startLine },
      docNumber: b.docNumber,
      memo: b.memo,
      className,
      period,
      lines: kept,
    },
  };
}

function refusedFileDocument(fileName: string): RefusedDocument {
  return { key: null, store: null, businessDate: parseIifFileName(fileName).fileDate, postings: [], complete: false };
}

/** Read a GL export file from disk: detects the encoding, never throws on bad content. */
export async function readIifFile(path: string): Promise<ReadResult> {
  const read = await readInputFile(path);
  if (!read.ok) return { documents: [], problems: [], fileProblem: read.fileProblem, warnings: [] };
  return readIifBytes(read.bytes, read.fileName);
}

/** The same as readIifFile for bytes already read (the import reads each file once, for its hash too). */
export function readIifBytes(bytes: Uint8Array, fileName: string, onJournal?: (journal: GlJournal) => void): ReadResult {
  const tooLarge = tooLargeProblem(bytes.length, fileName);
  if (tooLarge) return { documents: [], problems: [], fileProblem: { ...tooLarge, document: refusedFileDocument(fileName) }, warnings: [] };
  const decoded = decodeInputBytes(bytes, fileName);
  if (!decoded.ok) return { documents: [], problems: [], fileProblem: decoded.fileProblem, warnings: [] };
  const result = readIifText(decoded.text, fileName, onJournal);
  // Binary junk is not "Windows-1252 text": the refusal says it all.
  if (decoded.warning && result.fileProblem?.message !== BINARY_MESSAGE) result.warnings.unshift(decoded.warning);
  return result;
}
