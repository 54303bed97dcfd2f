/** POR account -> QBO account mapping: the shapes automap and validation share with the ledger and UI. */

/** A POR account as the documents use it (tags already expanded), per store. */
export interface PorAccountRef {
  /** Store number, or null for an account shared by all stores. */
  store: number | null;
  account: string;
  name?: string;
  /** POR refuses to export without it (Bank Deposits). */
  required?: boolean;
}

/** One saved mapping row. A row with store null applies to every store without a row of its own. */
export interface MappingEntry {
  store: number | null;
  porAccount: string;
  qboAccountId: string;
}

export interface QboAccountBrief {
  id: string;
  name: string;
}

export interface MappingSuggestion {
  store: number | null;
  porAccount: string;
  porName: string | null;
  /** The QBO account automap chose, or null when none could be chosen safely. */
  qboAccountId: string | null;
  qboAccountName: string | null;
  matchedBy: 'number' | 'name' | null;
  /** Active QBO accounts that matched equally well: nothing is chosen, a person picks. */
  candidates: QboAccountBrief[];
  /** Inactive QBO accounts that matched: never chosen, reported so someone can reactivate one. */
  inactiveMatches: QboAccountBrief[];
  /** One plain sentence saying what happened. */
  note: string;
}

export type MappingIssueKind = 'unmapped' | 'inactive' | 'missing';

export interface MappingIssue {
  kind: MappingIssueKind;
  store: number | null;
  porAccount: string;
  porName: string | null;
  required: boolean;
  qboAccountId: string | null;
  message: string;
}
