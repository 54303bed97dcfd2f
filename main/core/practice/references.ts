/**
 * Reference checks: every *Ref in a body must point at an existing (2500) and active (610) object.
 * QBO also fills in each ref's "name"; we do the same so responses look real.
 */
import { faults } from './faults';
import type { QboObject } from './company-store';
import { type Body, type CompanyContext, isObject, str } from './company-context';

/** Which entity a reference element points at. ParentRef points at the entity being written. */
const REF_TARGETS: Record<string, string> = {
  AccountRef: 'Account',
  DepositToAccountRef: 'Account',
  IncomeAccountRef: 'Account',
  ExpenseAccountRef: 'Account',
  AssetAccountRef: 'Account',
  ARAccountRef: 'Account',
  ClassRef: 'Class',
  DepartmentRef: 'Department',
  ItemRef: 'Item',
  CustomerRef: 'Customer',
  PaymentMethodRef: 'PaymentMethod',
  TaxCodeRef: 'TaxCode',
  TxnTaxCodeRef: 'TaxCode',
  DefaultTaxCodeRef: 'TaxCode',
};

const PLURALS: Record<string, string> = {
  Account: 'Accounts',
  Class: 'Classes',
  Department: 'Departments',
  Item: 'Items',
  Customer: 'Customers',
  PaymentMethod: 'PaymentMethods',
  TaxCode: 'TaxCodes',
  Vendor: 'Vendors',
  Employee: 'Employees',
};

export function displayName(obj: QboObject): string {
  return str(obj.FullyQualifiedName) ?? str(obj.DisplayName) ?? str(obj.Name) ?? '';
}

/** Resolves one reference or throws the QBO fault; sets the ref's name like QBO does. */
export function resolveRef(ctx: CompanyContext, target: string, ref: Record<string, unknown>, element: string): QboObject {
  const id = str(ref.value);
  if (id === undefined || id === '') throw faults.requiredMissing(`${element}.value`);
  const found = ctx.store.get(target, id);
  if (!found) throw faults.invalidReference(PLURALS[target] ?? `${target}s`, id, element);
  if (found.Active === false) throw faults.objectNotFound(element);
  ref.name = displayName(found);
  return found;
}

/** Walks a body and checks every reference element it knows. */
export function checkReferences(ctx: CompanyContext, entity: string, body: Body): void {
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, path));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const element = path ? `${path}.${key}` : key;
      if (key === 'ParentRef' && isObject(value)) resolveRef(ctx, entity, value, element);
      else if (REF_TARGETS[key] && isObject(value)) resolveRef(ctx, REF_TARGETS[key], value, element);
      else if (key === 'Entity' && isObject(value)) checkEntityRef(ctx, value, element);
      else if (key !== 'LinkedTxn') visit(value, element);
    }
  };
  visit(body, '');
}

/** JournalEntryLineDetail.Entity is {Type, EntityRef}; DepositLineDetail.Entity is a ref with a type. */
function checkEntityRef(ctx: CompanyContext, entity: Record<string, unknown>, element: string): void {
  if (isObject(entity.EntityRef)) {
    resolveRef(ctx, str(entity.Type) ?? 'Customer', entity.EntityRef, `${element}.EntityRef`);
  } else if (entity.value !== undefined) {
    resolveRef(ctx, str(entity.type) ?? 'Customer', entity, element);
  }
}
