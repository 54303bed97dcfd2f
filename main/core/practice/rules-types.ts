import type { Body, CompanyContext } from './company-context';
import type { QboObject } from './company-store';

export interface WriteOptions {
  /** `include=allowduplicatedocnum` on the request: skip the 6140 check. */
  allowDuplicateDocNum: boolean;
}

/** How one entity is validated and completed; throws QboFault on the first problem, like QBO. */
export interface EntityRules {
  /** Transactions carry TxnDate (closing date applies) and can be deleted. */
  transaction: boolean;
  canVoid: boolean;
  /** Validates the full body (after a sparse merge on updates) and fills server-computed fields. */
  prepare(ctx: CompanyContext, body: Body, existing: QboObject | undefined, opts: WriteOptions): void;
  /** Side effects on other objects once saved (e.g. invoice balances after a payment). */
  afterSave?(ctx: CompanyContext, saved: QboObject, previous: QboObject | undefined): void;
  /** Undo side effects when the object is deleted or voided. */
  afterRemove?(ctx: CompanyContext, removed: QboObject): void;
  /** Zeroes the amounts of a voided transaction. */
  voidBody?(body: Body): void;
}
