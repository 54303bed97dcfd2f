/**
 * Create / read / update (full or sparse) / delete / void on the simulated company, with QBO's
 * checks in QBO's order: schema (2010), SyncToken (5010), then the entity's business rules. Delete and
 * void: 610 when the object does not exist (or was deleted), the closing date, then dependencies (800).
 */
import { findSchemaProblems } from '../qbo/schema';
import { faults } from './faults';
import { clone, type QboObject } from './company-store';
import { type Body, type CompanyContext, asArray, isObject, str } from './company-context';
import type { EntityRules, WriteOptions } from './rules-types';
import { journalEntryRules } from './rules-journal-entry';
import { creditMemoRules, invoiceRules } from './rules-sales';
import { paymentRules } from './rules-payment';
import { depositRules } from './rules-deposit';
import { accountRules, classRules, customerRules, departmentRules, itemRules } from './rules-lists';
import { assertOpenPeriod } from './rules-txn-common';

const RULES: Record<string, EntityRules> = {
  JournalEntry: journalEntryRules,
  Invoice: invoiceRules,
  CreditMemo: creditMemoRules,
  Payment: paymentRules,
  Deposit: depositRules,
  Customer: customerRules,
  Item: itemRules,
  Class: classRules,
  Department: departmentRules,
  Account: accountRules,
};

/** Entities the simulator serves; the read-only ones can be read and queried only. */
export const READABLE_ENTITIES = [...Object.keys(RULES), 'TaxCode', 'CompanyInfo', 'PaymentMethod'];

const BY_LOWER = new Map(READABLE_ENTITIES.map((e) => [e.toLowerCase(), e]));

/** QBO treats entity names in URLs and queries case-insensitively ("/journalentry"). */
export function canonicalEntity(name: string): string | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Server-owned fields a client may echo back; never taken from a request. */
const SERVER_FIELDS = ['MetaData', 'domain', 'status', 'sparse', 'time'];

export class EntityOperations {
  constructor(private readonly ctx: CompanyContext) {}

  private rules(entity: string, operation: string): EntityRules {
    const rules = RULES[entity];
    if (!rules) throw faults.unsupportedOperation(operation, entity);
    return rules;
  }

  private checkWritable(entity: string, body: unknown, operation: string): Body {
    if (!isObject(body)) throw faults.malformedBody(`${entity} body must be a JSON object`);
    const problem = findSchemaProblems(entity, body)[0];
    if (problem) {
      if (problem.kind === 'unknown-element') throw faults.unsupportedProperty(problem.element, problem.typeName);
      if (problem.kind === 'bad-enum') throw faults.badEnum(problem.element, problem.message);
      throw faults.malformedBody(`${problem.path}: ${problem.message}`);
    }
    if (this.ctx.settings.subscriptionEnded) throw faults.subscriptionEnded();
    this.rules(entity, operation);
    return clone(body);
  }

  create(entity: string, input: unknown, opts: WriteOptions): QboObject {
    const body = this.checkWritable(entity, input, 'Create');
    const rules = this.rules(entity, 'Create');
    for (const k of [...SERVER_FIELDS, 'Id', 'SyncToken']) delete body[k];
    rules.prepare(this.ctx, body, undefined, opts);
    const saved = this.ctx.store.insert(entity, body);
    rules.afterSave?.(this.ctx, saved, undefined);
    return clone(this.ctx.store.get(entity, String(saved.Id)) ?? saved);
  }

  private current(entity: string, body: Body): QboObject {
    const id = str(body.Id);
    if (!id) throw faults.requiredMissing('Id');
    const syncToken = str(body.SyncToken);
    if (syncToken === undefined) throw faults.requiredMissing('SyncToken');
    const existing = this.ctx.store.get(entity, id);
    if (!existing) throw faults.objectNotFound('Id');
    if (syncToken !== existing.SyncToken) throw faults.stale();
    return existing;
  }

  update(entity: string, input: unknown, opts: WriteOptions): QboObject {
    const body = this.checkWritable(entity, input, 'Update');
    const rules = this.rules(entity, 'Update');
    const existing = this.current(entity, body);
    const sparse = body.sparse === true || body.sparse === 'true';
    for (const k of SERVER_FIELDS) delete body[k];
    // Sparse: only the fields sent change (a sent Line array replaces all lines). Full: the body is the object.
    const merged: Body = sparse ? { ...clone(existing), ...body } : { ...body };
    for (const k of SERVER_FIELDS) delete merged[k];
    rules.prepare(this.ctx, merged, existing, opts);
    const previous = clone(existing);
    const saved = this.ctx.store.update(entity, merged);
    rules.afterSave?.(this.ctx, saved, previous);
    return clone(this.ctx.store.get(entity, String(saved.Id)) ?? saved);
  }

  remove(entity: string, input: unknown): QboObject {
    const body = this.checkWritable(entity, input, 'Delete');
    const rules = this.rules(entity, 'Delete');
    if (!rules.transaction) throw faults.unsupportedOperation('Delete', entity);
    const existing = this.current(entity, body);
    assertOpenPeriod(this.ctx, existing.TxnDate);
    this.assertUndoAllowed(entity, existing);
    this.ctx.store.remove(entity, String(existing.Id));
    rules.afterRemove?.(this.ctx, existing);
    return { domain: 'QBO', status: 'Deleted', Id: existing.Id };
  }

  void(entity: string, input: unknown): QboObject {
    const body = this.checkWritable(entity, input, 'Void');
    const rules = this.rules(entity, 'Void');
    if (!rules.canVoid || !rules.voidBody) throw faults.unsupportedOperation('Void', entity);
    const existing = this.current(entity, body);
    assertOpenPeriod(this.ctx, existing.TxnDate);
    this.assertUndoAllowed(entity, existing);
    const voided = clone(existing);
    rules.voidBody(voided);
    rules.afterRemove?.(this.ctx, existing);
    return clone(this.ctx.store.update(entity, voided));
  }

  /**
   * Knob undoRefusal: 800 "Object cannot be deleted" for every transaction delete/void ('always'), or
   * when another stored transaction's Line[].LinkedTxn points at this one ('linked').
   */
  private assertUndoAllowed(entity: string, existing: QboObject): void {
    const mode = this.ctx.settings.undoRefusal;
    if (mode === 'never') return;
    if (mode === 'always' || this.linkedFrom(entity, String(existing.Id))) throw faults.cannotDelete();
  }

  private linkedFrom(entity: string, id: string): boolean {
    for (const [other, rules] of Object.entries(RULES)) {
      if (!rules.transaction) continue;
      for (const obj of this.ctx.store.all(other)) {
        if (other === entity && obj.Id === id) continue;
        for (const line of asArray(obj.Line).filter(isObject)) {
          for (const link of asArray(line.LinkedTxn).filter(isObject)) {
            const type = str(link.TxnType);
            if (str(link.TxnId) === id && (type === undefined || type.toLowerCase() === entity.toLowerCase())) return true;
          }
        }
      }
    }
    return false;
  }

  read(entity: string, id: string): QboObject {
    const found = this.ctx.store.get(entity, id);
    if (!found) throw faults.objectNotFound();
    return clone(found);
  }
}
