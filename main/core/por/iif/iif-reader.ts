/**
 * Reader for POR's GL export in "IIF QuickBooks" format (POR.md, input 1). Each TRNS..ENDTRNS block becomes
 * one GlJournal. A bad block is reported (file, line, field) and skipped; every other block still comes
 * through. Columns are found by name in the `!TRNS` / `!SPL` header rows; list sections are skipped.
 * Written for speed (100,000 lines in a fraction of a second): one pass, split-based field parsing.
 */
import { MAX_CENTS, MoneyParseError, centsToDecimal, parseCents, type Cents } from '../../money';
import type { GlJournal, GlLine, InputProblem, IsoDate } from '../model';
import { BINARY_MESSAGE, decodeInputBytes, looksBinary, readInputFile } from '../input-text';
import { problem, refusedFile, type ReadResult } from '../read-result';
import { parseIifDate, type IifDateResult } from './iif-date';
import { splitIifLine } from './iif-fields';
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
}

interface Row {
  line: number;
  kind: 'TRNS' | 'SPL';
  fields: string[];
  cols: Columns | null;
  unterminatedQuote: boolean;
}

interface Block {
  startLine: number;
  rows: Row[];
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
  return {
    cols: { date: at('DATE'), accnt: at('ACCNT'), amount: at('AMOUNT'), klass: at('CLASS'), docnum: at('DOCNUM'), memo: at('MEMO'), name: at('NAME') },
    names: new Set(index.keys()),
  };
}

function field(row: Row, index: number): string {
  return index < 0 ? '' : (row.fields[index] ?? '').trim();
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

export function readIifText(text: string, fileName: string): ReadResult {
  const warnings: InputProblem[] = [];
  const name = parseIifFileName(fileName);
  if (!name.recognised) {
    warnings.push(problem(fileName, null, null, 'the file name is not PRyymmdd or PRyymmMONTHLYONLY; it was read as a daily export'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return refusedFile(fileName, 'the file is empty', warnings);
  if (looksBinary(text)) return refusedFile(fileName, BINARY_MESSAGE, warnings);

  const lines = text.split(/\r\n|\n|\r/);
  const documents: GlJournal[] = [];
  const problems: InputProblem[] = [];
  let trnsCols: Columns | null = null;
  let splCols: Columns | null = null;
  let sawTrnsHeader = false;
  let sawSplHeader = false;
  let sawSplRow = false;
  let sawTrnsRow = false;
  const listKeywords = new Set<string>();
  let block: Block | null = null;
  /** Blocks seen per store+date, so ids are the same each time the same file (or a regeneration) is read. */
  const ordinals = new Map<string, number>();

  const finish = (b: Block, closed: InputProblem | null): void => {
    const result = buildJournal(b, fileName, name.period, closed, ordinals);
    if (result.journal) documents.push(result.journal);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.length === 0 || BLANK.test(raw)) continue;
    const { fields, unterminatedQuote } = splitIifLine(raw);
    const first = fields[0]!;
    // Fast path: POR writes the keywords exactly; anything else is normalised.
    const keyword = first === 'TRNS' || first === 'SPL' || first === 'ENDTRNS' ? first : first.trim().toUpperCase();

    if (keyword.startsWith('!')) {
      const header = keyword.slice(1);
      if (header === 'TRNS' || header === 'SPL') {
        const { cols, names } = columnsOf(fields);
        const required = header === 'TRNS' ? REQUIRED_TRNS : REQUIRED_SPL;
        const missing = required.find((c) => !names.has(c));
        if (missing) {
          return {
            documents: [], problems: [], warnings,
            fileProblem: problem(fileName, lineNo, missing, `the !${header} header row has no ${missing} column, so no transaction can be read`),
          };
        }
        if (header === 'TRNS') { trnsCols = cols; sawTrnsHeader = true; } else { splCols = cols; sawSplHeader = true; }
      } else if (header !== 'ENDTRNS') {
        listKeywords.add(header);
      }
      continue;
    }

    if (keyword === 'TRNS') {
      sawTrnsRow = true;
      if (block) {
        finish(block, problem(fileName, block.startLine, null,
          `the transaction has no ENDTRNS row before the next TRNS row (line ${lineNo}); it was not imported`));
      }
      block = { startLine: lineNo, rows: [], brokenBy: null };
      block.rows.push({ line: lineNo, kind: 'TRNS', fields, cols: trnsCols, unterminatedQuote });
    } else if (keyword === 'SPL') {
      sawSplRow = true;
      if (block) block.rows.push({ line: lineNo, kind: 'SPL', fields, cols: splCols, unterminatedQuote });
      else problems.push(problem(fileName, lineNo, null, 'SPL row outside a transaction (no TRNS row before it); it was ignored'));
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
        block.brokenBy ??= problem(fileName, lineNo, null,
          `unrecognised row "${shown}" inside the transaction that starts on line ${block.startLine}; the transaction was not imported`);
      } else {
        problems.push(problem(fileName, lineNo, null, `unrecognised row "${shown}" (expected TRNS, SPL or ENDTRNS); it was ignored`));
      }
    }
  }
  if (block) {
    finish(block, problem(fileName, block.startLine, null,
      'the transaction has no ENDTRNS row: the file ends first (truncated?); it was not imported'));
  }

  if (!sawTrnsHeader) {
    return refusedFile(fileName, sawTrnsRow
      ? 'the file has TRNS rows but no !TRNS header row naming the columns'
      : 'no transactions: the file has no !TRNS header or TRNS rows (is it a POR GL export in IIF format?)', warnings);
  }
  if (sawSplRow && !sawSplHeader) {
    return refusedFile(fileName, 'the file has SPL rows but no !SPL header row naming the columns', warnings);
  }
  if (!sawTrnsRow) {
    return refusedFile(fileName, 'no transactions: the file has a !TRNS header but no TRNS rows', warnings);
  }
  return { documents, problems, fileProblem: null, warnings };
}

interface BuiltJournal {
  journal: GlJournal | null;
  problems: InputProblem[];
  warnings: InputProblem[];
}

/** Dates repeat on every row of a file: parse each distinct text once. */
const dateCache = new Map<string, IifDateResult>();

function buildJournal(
  b: Block, file: string, period: 'daily' | 'monthly', closed: InputProblem | null, ordinals: Map<string, number>,
): BuiltJournal {
  const problems: InputProblem[] = [];
  const notImported = `the transaction on line ${b.startLine} was not imported`;
  const rowProblem = (row: Row, fieldName: string | null, message: string): void => {
    problems.push(problem(file, row.line, fieldName, `${message}; ${notImported}`));
  };

  const trns = b.rows[0]!;
  let date: IsoDate | null = null;
  const lines: GlLine[] = [];
  for (const row of b.rows) {
    const cols = row.cols;
    if (!cols) {
      rowProblem(row, null, `${row.kind} row before any !${row.kind} header row naming the columns`);
      continue;
    }
    if (row.unterminatedQuote) {
      rowProblem(row, null, 'a quoted field is never closed (missing ")');
      continue;
    }
    const dateText = field(row, cols.date);
    if (row.kind === 'TRNS' || dateText !== '') {
      if (dateText === '') {
        rowProblem(row, 'DATE', 'MISSING MANDATORY FIELD DATE: the row has no date');
      } else {
        let parsed = dateCache.get(dateText);
        if (!parsed) {
          parsed = parseIifDate(dateText);
          if (dateCache.size < 10_000) dateCache.set(dateText, parsed);
        }
        if (!parsed.ok) rowProblem(row, 'DATE', `DATE "${dateText}" ${parsed.reason}`);
        else if (row.kind === 'TRNS') date = parsed.date;
      }
    }
    const account = field(row, cols.accnt);
    if (account === '') rowProblem(row, 'ACCNT', 'MISSING MANDATORY FIELD ACCNT: the row names no account');
    const amountText = field(row, cols.amount);
    let amount: Cents | null = null;
    if (amountText === '') {
      rowProblem(row, 'AMOUNT', 'MISSING MANDATORY FIELD AMOUNT: the row has no amount');
    } else {
      try {
        amount = parseCents(amountText);
      } catch (err) {
        if (!(err instanceof MoneyParseError)) throw err;
        rowProblem(row, 'AMOUNT', `AMOUNT ${err.message}`);
      }
    }
    if (account !== '' && amount !== null) {
      lines.push({
        account, amount,
        className: orNull(field(row, cols.klass)),
        memo: orNull(field(row, cols.memo)),
        name: orNull(field(row, cols.name)),
      });
    }
  }

  const className = trns.cols ? orNull(field(trns, trns.cols.klass)) : null;
  let store = storeFromClass(className);
  if (store === null) {
    for (const l of lines) {
      store = storeFromClass(l.className);
      if (store !== null) break;
    }
  }
  store ??= storeFromAccountSuffixes(lines.map((l) => l.account));

  // Every block with a readable date takes its place in the store+date sequence, even a rejected one, so a
  // regenerated file that fixes it gives every block the same id as before.
  let id: string | null = null;
  if (date !== null) {
    const key = `${store ?? 'unknown'}:${date}`;
    const n = (ordinals.get(key) ?? 0) + 1;
    ordinals.set(key, n);
    id = `${period === 'monthly' ? 'gl-monthly' : 'gl'}:${key}:${n}`;
  }

  if (b.brokenBy) problems.push(b.brokenBy);
  if (closed) problems.push(closed);
  if (problems.length > 0 || date === null || id === null) return { journal: null, problems, warnings: [] };

  let debits = 0;
  let credits = 0;
  for (const l of lines) {
    if (l.amount > 0) debits += l.amount;
    else credits -= l.amount;
  }
  if (debits !== credits) {
    const diff = Math.abs(debits - credits);
    return {
      journal: null, warnings: [],
      problems: [problem(file, b.startLine, 'AMOUNT',
        `the transaction does not balance: debits ${centsToDecimal(debits)}, credits ${centsToDecimal(credits)}, difference ${centsToDecimal(diff)}; it was not imported`)],
    };
  }
  if (debits > MAX_CENTS) {
    return {
      journal: null, warnings: [],
      problems: [problem(file, b.startLine, 'AMOUNT',
        `the transaction totals ${centsToDecimal(debits)}, more than the largest amount QuickBooks accepts (${centsToDecimal(MAX_CENTS)}); it was not imported`)],
    };
  }
  const kept = lines.filter((l) => l.amount !== 0);
  if (kept.length === 0) {
    return {
      journal: null, problems: [],
      warnings: [problem(file, b.startLine, 'AMOUNT', 'the transaction has only zero amounts; there is nothing to import')],
    };
  }
  const cols = trns.cols!;
  return {
    problems: [], warnings: [],
    journal: {
      type: 'glJournal',
      id,
      store,
      businessDate: date,
      revision: 1,
      source: { kind: 'iif', file, line: b.startLine },
      docNumber: orNull(field(trns, cols.docnum)),
      memo: orNull(field(trns, cols.memo)),
      className,
      period,
      lines: kept,
    },
  };
}

/** Read a GL export file from disk: detects the encoding, never throws on bad content. */
export async function readIifFile(path: string): Promise<ReadResult> {
  const read = await readInputFile(path);
  if (!read.ok) return { documents: [], problems: [], fileProblem: read.fileProblem, warnings: [] };
  const decoded = decodeInputBytes(read.bytes, read.fileName);
  if (!decoded.ok) return { documents: [], problems: [], fileProblem: decoded.fileProblem, warnings: [] };
  const result = readIifText(decoded.text, read.fileName);
  // Binary junk is not "Windows-1252 text": the refusal says it all.
  if (decoded.warning && result.fileProblem?.message !== BINARY_MESSAGE) result.warnings.unshift(decoded.warning);
  return result;
}
