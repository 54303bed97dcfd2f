/**
 * Reconciliation: POR's totals against QBO's, per store, day and account, to the cent.
 *
 * POR side: the active POR documents of the range, planned in the environment's mode as if nothing had
 * been sent (por-side.ts: kept per source day in the ledger, only changed days planned again), so every document
 * is netted exactly as its payload is; each POR account is mapped to its QBO account when the report is made. QBO side: what QBO itself holds for the range (qbo-postings.ts), never our ledger.
 * A row matches when both nets are equal; anything else is a difference a person should look at.
 *
 * What POR produced, not what the app accepted: a refused document (quarantined, not corrected yet) counts
 * on POR's side with the postings that could be read, so the accounts it touches differ. A refusal whose amounts are
 * not all known, or whose day could not be read, is a difference of its own ("POR produced it; it never
 * reached QuickBooks: <reason>"), so the report never says "match" while POR data is missing.
 */
import type { Ledger } from '../../ledger';
import type { Account } from '../../qbo/entities';
import type { QboClient } from '../../qbo/qbo-client';
import type { ReferenceCache } from '../../qbo/reference-cache';
import type { Environment } from '../../environment';
import { UNMAPPED } from '../../ledger/por-day-totals';
import type { HeldItem, NotExportedItem } from '../plan';
import { accountLabel, readQboSide } from './qbo-postings';
import { planPorSide, type PorSide } from './por-side';

export interface ReconcileRow {
  store: number | null;
  date: string;
  account: string;
  accountLabel: string;
  /** POR accounts mapped to this QBO account (for people to recognise it). */
  porAccounts: string[];
  porCents: number;
  qboCents: number;
  differenceCents: number;
  match: boolean;
  /** Why POR's side holds more than the app accepted: "POR produced it; it never reached QuickBooks: <reason>". */
  notes: string[];
}

/** A refused POR document counted on POR's side (or, without a day, against the whole report). */
export interface RefusedInputRow {
  store: number | null;
  date: string | null;
  file: string;
  line: number | null;
  documentKey: string | null;
  /** Net debits of the postings that could be read. */
  porDebitCents: number;
  /** False when some of its amounts could not be read: the difference is larger than shown. */
  amountsKnown: boolean;
  note: string;
}

export interface ReconcileDay {
  store: number | null;
  date: string;
  porDebitCents: number;
  qboDebitCents: number;
  differences: number;
  match: boolean;
}

export interface ReconcileReport {
  environment: Environment;
  from: string;
  to: string;
  mode: string;
  rows: ReconcileRow[];
  days: ReconcileDay[];
  totals: { porDebitCents: number; qboDebitCents: number; rows: number; differences: number };
  match: boolean;
  /** POR documents not expected in QBO yet (day not closed, store off, invalid...). */
  notCounted: HeldItem[];
  notExported: NotExportedItem[];
  /** POR documents refused on import (not corrected yet): counted on POR's side, never a match. */
  refused: RefusedInputRow[];
  qboTransactions: { JournalEntry: number; Invoice: number; CreditMemo: number };
  generatedAt: string;
}

export interface ReconcileOptions {
  ledger: Ledger;
  environment: Environment;
  client: QboClient;
  references: ReferenceCache;
  from: string;
  to: string;
  now?: () => Date;
  /** Tests: how POR's side is planned (default planPorSide, from the day totals the ledger keeps). */
  porSide?: (ledger: Ledger, environment: Environment, from: string, to: string) => PorSide;
  /** Tests and the scale bench: how QuickBooks' side is read (default readQboSide, from QBO itself). */
  qboSide?: typeof readQboSide;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const { ledger, from, to } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) {
    throw new RangeError(`Dates must be YYYY-MM-DD with from <= to (got ${from} .. ${to})`);
  }
  const side = (options.porSide ?? planPorSide)(ledger, options.environment, from, to);
  const { mode, stores } = side;
  const classToStore = new Map(stores.map((s) => [s.className.trim().toLowerCase(), s.number]));
  const storeOfClass = (name: string) => classToStore.get(name.trim().toLowerCase()) ?? null;

  const inRange = (date: string | null): date is string => date !== null && date >= from && date <= to;
  // Cells by store, then day, then account key: a year is ~100k of them, so no string key is built per sum
  // and the report is ordered a day at a time instead of sorting every row.
  const cells = new Map<number | null, Map<string, Map<string, Cell>>>();
  const cellOf = (store: number | null, date: string, account: string): Cell => {
    let byDate = cells.get(store);
    if (!byDate) cells.set(store, (byDate = new Map()));
    let byAccount = byDate.get(date);
    if (!byAccount) byDate.set(date, (byAccount = new Map()));
    let cell = byAccount.get(account);
    if (!cell) byAccount.set(account, (cell = { por: 0, qbo: 0, notes: null }));
    return cell;
  };
  const porAccounts = new Map<string, Set<string>>();
  // Asked once per (store, POR account): a year's sums name the same few hundred accounts again and again.
  const resolved = new Map<number, Map<string, string>>();
  const mapped = (store: number, porAccount: string): string => {
    let ofStore = resolved.get(store);
    if (!ofStore) resolved.set(store, (ofStore = new Map()));
    let key = ofStore.get(porAccount);
    if (key === undefined) {
      const m = ledger.mappings.resolve(store, porAccount);
      ofStore.set(porAccount, (key = m ? `acct:${m.qboAccountId}` : `por:${store}:${porAccount}`));
      let set = porAccounts.get(key);
      if (!set) porAccounts.set(key, (set = new Set()));
      set.add(porAccount);
    }
    return key;
  };
  // POR's side as planned (kept per source day in the ledger; only changed days are planned again). Each POR
  // account is mapped now, so a mapping changed since is seen at once.
  for (const [txnDate, store, mapStore, account, amount] of side.sums)
    cellOf(store, txnDate, mapStore === UNMAPPED ? account : mapped(mapStore, account)).por += amount;
  const plan = { held: side.held, notExported: side.notExported };

  // What POR produced and the app refused: counted on POR's side at the same keys, with a note.
  const refused = refusedRows(ledger, { from, to });
  const unknownAmounts: RefusedInputRow[] = [];
  for (const r of refused.rows) {
    if (r.row.date === null) continue;
    for (const [porAccount, amount] of r.postings) {
      const cell = cellOf(r.row.store, r.row.date, mapped(r.row.store ?? 0, porAccount));
      cell.por += amount;
      if (!cell.notes) cell.notes = [r.row.note];
      else if (!cell.notes.includes(r.row.note)) cell.notes.push(r.row.note);
    }
    if (!r.row.amountsKnown || r.postings.length === 0) unknownAmounts.push(r.row);
  }

  // Added as each page of QuickBooks' answer arrives: a year of a chain is never held whole.
  const qboSide = await (options.qboSide ?? readQboSide)(options.client, options.references, { from, to }, storeOfClass, (store, date, account, amount) => {
    if (inRange(date)) cellOf(store, date, account).qbo += amount;
  });

  const accounts = new Map(((await options.references.list('Account')) as Account[]).map((a) => [a.Id!, a]));
  // Per account, not per row: a year has ~100k rows over a few hundred accounts.
  const labels = new Map<string, { label: string; porAccounts: string[] }>();
  const labelOf = (account: string) => {
    let l = labels.get(account);
    if (!l) labels.set(account, (l = { label: accountLabel(account, accounts), porAccounts: [...(porAccounts.get(account) ?? [])].sort() }));
    return l;
  };
  // Rows by store (no store first), day, then account label (then account key, so equal labels keep one order).
  const rows: ReconcileRow[] = [];
  const storesInOrder = [...cells.keys()].sort((a, b) => (a ?? -1) - (b ?? -1));
  for (const store of storesInOrder) {
    const byDate = cells.get(store)!;
    for (const date of [...byDate.keys()].sort(cmp)) {
      const dayRows: ReconcileRow[] = [];
      for (const [account, cell] of byDate.get(date)!) {
        if (cell.por === 0 && cell.qbo === 0) continue;
        const label = labelOf(account);
        dayRows.push({
          store,
          date,
          account,
          accountLabel: label.label,
          porAccounts: label.porAccounts, // one array per account, shared by its rows (read-only)
          porCents: cell.por,
          qboCents: cell.qbo,
          differenceCents: cell.qbo - cell.por,
          match: cell.por === cell.qbo,
          notes: cell.notes ?? [],
        });
      }
      if (dayRows.length === 0) continue;
      dayRows.sort((a, b) => cmp(a.accountLabel, b.accountLabel) || cmp(a.account, b.account));
      for (const r of dayRows) rows.push(r);
    }
  }
  // A refusal whose amounts are not (all) known is a difference of its own on its day (rare: the rows are then
  // put in order again).
  if (unknownAmounts.length > 0) {
    for (const r of unknownAmounts) {
      rows.push({
        store: r.store,
        date: r.date!,
        account: REFUSED_INPUT,
        accountLabel: 'POR input refused (amounts not all known)',
        porAccounts: [],
        porCents: 0,
        qboCents: 0,
        differenceCents: 0,
        match: false,
        notes: [r.note],
      });
    }
    rows.sort((a, b) => (a.store ?? -1) - (b.store ?? -1) || cmp(a.date, b.date) || cmp(a.accountLabel, b.accountLabel));
  }
  const days = daysOf(rows);
  const undated = refused.rows.filter((r) => r.row.date === null).map((r) => r.row);
  const differences = rows.filter((r) => !r.match).length + undated.length;
  return {
    environment: options.environment,
    from,
    to,
    mode,
    rows,
    days,
    totals: {
      porDebitCents: days.reduce((s, d) => s + d.porDebitCents, 0),
      qboDebitCents: days.reduce((s, d) => s + d.qboDebitCents, 0),
      rows: rows.length,
      differences,
    },
    match: differences === 0,
    refused: refused.rows.map((r) => r.row),
    notCounted: plan.held,
    notExported: plan.notExported,
    qboTransactions: qboSide.transactions,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}

/** Each day's totals, in row order (rows are sorted by store, then day, so a day's rows are side by side). */
function daysOf(rows: readonly ReconcileRow[]): ReconcileDay[] {
  const days: ReconcileDay[] = [];
  let day: ReconcileDay | null = null;
  for (const r of rows) {
    if (!day || day.store !== r.store || day.date !== r.date) {
      days.push((day = { store: r.store, date: r.date, porDebitCents: 0, qboDebitCents: 0, differences: 0, match: true }));
    }
    if (r.porCents > 0) day.porDebitCents += r.porCents;
    if (r.qboCents > 0) day.qboDebitCents += r.qboCents;
    if (!r.match) {
      day.differences++;
      day.match = false;
    }
  }
  return days;
}

/** One report row's sums while they are added up. */
interface Cell {
  por: number;
  qbo: number;
  notes: string[] | null;
}

/** The account key of a refusal whose amounts are not all known. */
export const REFUSED_INPUT = '(refused POR input)';

/**
 * Open refusals of the range (and those with no readable day) as rows. A refusal for a document the ledger
 * holds an active revision of is a later revision that never arrived: the active one is already counted,
 * so only the note stands (its amounts would count twice).
 */
function refusedRows(ledger: Ledger, range: { from: string; to: string }): { rows: { row: RefusedInputRow; postings: [string, number][] }[] } {
  const rows: { row: RefusedInputRow; postings: [string, number][] }[] = [];
  for (const r of ledger.quarantine.refusedInput(range)) {
    const replacesActive = r.docKey !== null && ledger.documents.get(r.docKey)?.status === 'active';
    const postings = replacesActive ? [] : r.postings;
    const where = `${r.file}${r.line !== null ? `, line ${r.line}` : ''}`;
    const known = r.complete && !replacesActive && postings.length > 0;
    let debits = 0;
    for (const [, amount] of postings) if (amount > 0) debits += amount;
    rows.push({
      postings,
      row: {
        store: r.store,
        date: r.businessDate,
        file: r.file,
        line: r.line,
        documentKey: r.docKey,
        porDebitCents: debits,
        amountsKnown: known,
        note: `POR produced it; it never reached QuickBooks: ${where}: ${r.reasons.join('; ')}${known ? '' : postings.length ? ' (some amounts could not be read)' : ' (its amounts could not be read)'}`,
      },
    });
  }
  return { rows };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
