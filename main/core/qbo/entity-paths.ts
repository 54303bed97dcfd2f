import type { EntityName, WritableEntity } from './entities';

/** URL segment for an entity: QBO's paths are the lowercase entity names. */
export function entityPath(entity: EntityName): string {
  return entity.toLowerCase();
}

/** Name lists: QBO never deletes these, it makes them inactive (Active=false). */
export const NAME_LIST_ENTITIES = ['Customer', 'Item', 'Class', 'Department', 'Account'] as const satisfies readonly WritableEntity[];
export type NameListEntity = (typeof NAME_LIST_ENTITIES)[number];

export function isNameList(entity: string): entity is NameListEntity {
  return (NAME_LIST_ENTITIES as readonly string[]).includes(entity);
}

/** Transactions can be deleted; Invoice and Payment can also be voided (kept with zero amounts). */
export const TRANSACTION_ENTITIES = ['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit'] as const satisfies readonly WritableEntity[];
export type TransactionEntity = (typeof TRANSACTION_ENTITIES)[number];

export const VOIDABLE_ENTITIES = ['Invoice', 'Payment'] as const satisfies readonly TransactionEntity[];
export type VoidableEntity = (typeof VOIDABLE_ENTITIES)[number];
