/**
 * Name lists: Customer, Item, Class, Department, Account. Names are unique (6240, case-insensitive,
 * inactive ones included, as in QBO); sub-entries get "Parent:Child" FullyQualifiedNames.
 */
import { faults } from './faults';
import { type Body, type CompanyContext, isObject, refValue, str } from './company-context';
import { checkReferences } from './references';
import type { EntityRules } from './rules-types';
import type { QboObject } from './company-store';

function assertUniqueName(ctx: CompanyContext, entity: string, fqn: string, existing: QboObject | undefined): void {
  const key = fqn.trim().toLowerCase();
  const clash = ctx.store.all(entity).find((o) => String(o.FullyQualifiedName ?? '').toLowerCase() === key && o.Id !== existing?.Id);
  if (clash) throw faults.duplicateName(String(clash.Id));
}

function requireName(body: Body, element = 'Name'): string {
  const name = str(body[element])?.trim();
  if (!name) throw faults.requiredMissing(element);
  if (name.includes(':')) throw faults.business(`${element} can't contain a colon (:).`, element);
  if (name.length > 100) throw faults.stringTooLong(element, 100, name.length);
  return name;
}

/** Class and Department: optional parent, unique under the same parent. */
function hierarchical(entity: 'Class' | 'Department', subFlag: 'SubClass' | 'SubDepartment'): EntityRules {
  return {
    transaction: false,
    canVoid: false,
    prepare(ctx, body, existing) {
      const name = requireName(body);
      checkReferences(ctx, entity, body);
      const parentId = refValue(body.ParentRef);
      const parent = parentId ? ctx.store.get(entity, parentId) : undefined;
      if (parent && existing && parent.Id === existing.Id) throw faults.business(`A ${entity} can't be its own parent.`, 'ParentRef');
      body[subFlag] = Boolean(parent);
      if (!parent) delete body.ParentRef;
      body.FullyQualifiedName = parent ? `${String(parent.FullyQualifiedName)}:${name}` : name;
      body.Name = name;
      assertUniqueName(ctx, entity, String(body.FullyQualifiedName), existing);
      if (body.Active === undefined) body.Active = true;
    },
  };
}

export const classRules = hierarchical('Class', 'SubClass');
export const departmentRules = hierarchical('Department', 'SubDepartment');

export const customerRules: EntityRules = {
  transaction: false,
  canVoid: false,
  prepare(ctx, body, existing) {
    if (!str(body.DisplayName)) {
      const derived = [str(body.GivenName), str(body.FamilyName)].filter(Boolean).join(' ') || str(body.CompanyName);
      if (derived) body.DisplayName = derived;
    }
    const name = requireName(body, 'DisplayName');
    checkReferences(ctx, 'Customer', body);
    body.DisplayName = name;
    body.FullyQualifiedName = name;
    assertUniqueName(ctx, 'Customer', name, existing);
    if (body.PrintOnCheckName === undefined) body.PrintOnCheckName = name;
    if (body.Active === undefined) body.Active = true;
    if (body.Taxable === undefined) body.Taxable = true;
    body.Job = false;
    body.BillWithParent = false;
    if (existing === undefined) {
      body.Balance = 0;
      body.BalanceWithJobs = 0;
    }
    body.PreferredDeliveryMethod = body.PreferredDeliveryMethod ?? 'Print';
    // QBO.md: an address without "@" and "." fails the whole customer.
    const email = isObject(body.PrimaryEmailAddr) ? str(body.PrimaryEmailAddr.Address) : undefined;
    if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw faults.business(`Invalid Email Address format: "${email}". Email address must contain "@" and ".".`, 'PrimaryEmailAddr.Address');
    }
    // QBO Online's Customer has no AcctNum (knob customerAcctNumDropped): accepted, never stored.
    if (ctx.settings.customerAcctNumDropped) delete body.AcctNum;
  },
};

export const itemRules: EntityRules = {
  transaction: false,
  canVoid: false,
  prepare(ctx, body, existing) {
    const name = requireName(body);
    if (!str(body.Type)) body.Type = 'Service';
    if (!isObject(body.IncomeAccountRef) && body.Type !== 'Category') throw faults.requiredMissing('IncomeAccountRef');
    if (body.Type === 'Inventory') {
      for (const k of ['AssetAccountRef', 'ExpenseAccountRef', 'QtyOnHand', 'InvStartDate']) if (body[k] === undefined) throw faults.requiredMissing(k);
      body.TrackQtyOnHand = true;
    }
    checkReferences(ctx, 'Item', body);
    body.Name = name;
    body.FullyQualifiedName = name;
    assertUniqueName(ctx, 'Item', name, existing);
    if (body.Active === undefined) body.Active = true;
    if (body.Taxable === undefined) body.Taxable = false;
    if (body.UnitPrice === undefined) body.UnitPrice = 0;
  },
};

const CLASSIFICATION: Record<string, string> = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Expense': 'Expense',
};

const DEFAULT_SUBTYPE: Record<string, string> = {
  Bank: 'Checking',
  'Accounts Receivable': 'AccountsReceivable',
  'Other Current Asset': 'OtherCurrentAssets',
  'Fixed Asset': 'MachineryAndEquipment',
  'Other Asset': 'OtherLongTermAssets',
  'Accounts Payable': 'AccountsPayable',
  'Credit Card': 'CreditCard',
  'Other Current Liability': 'OtherCurrentLiabilities',
  'Long Term Liability': 'OtherLongTermLiabilities',
  Equity: 'OwnersEquity',
  Income: 'ServiceFeeIncome',
  'Other Income': 'OtherMiscellaneousIncome',
  'Cost of Goods Sold': 'SuppliesMaterialsCogs',
  Expense: 'OtherMiscellaneousServiceCost',
  'Other Expense': 'OtherMiscellaneousExpense',
};

export const accountRules: EntityRules = {
  transaction: false,
  canVoid: false,
  prepare(ctx, body, existing) {
    const name = requireName(body);
    if (name.includes('"')) throw faults.business('Account names can\'t contain double quotes (").', 'Name');
    const type = str(body.AccountType);
    if (!type) throw faults.requiredMissing('AccountType');
    checkReferences(ctx, 'Account', body);
    const parentId = refValue(body.ParentRef);
    const parent = parentId ? ctx.store.get('Account', parentId) : undefined;
    if (parent && parent.AccountType !== type) throw faults.business('A subaccount must have the same type as its parent.', 'ParentRef');
    body.SubAccount = Boolean(parent);
    body.FullyQualifiedName = parent ? `${String(parent.FullyQualifiedName)}:${name}` : name;
    body.Name = name;
    assertUniqueName(ctx, 'Account', String(body.FullyQualifiedName), existing);
    const acctNum = str(body.AcctNum);
    if (acctNum) {
      const clash = ctx.store.all('Account').find((a) => a.AcctNum === acctNum && a.Id !== existing?.Id);
      if (clash) throw faults.business(`Another account is already using this number (${acctNum}). Please use a different number.`, 'AcctNum');
    }
    body.Classification = CLASSIFICATION[type] ?? 'Asset';
    if (!str(body.AccountSubType)) body.AccountSubType = DEFAULT_SUBTYPE[type] ?? '';
    if (body.Active === undefined) body.Active = true;
    if (existing === undefined) {
      body.CurrentBalance = 0;
      body.CurrentBalanceWithSubAccounts = 0;
    }
    body.CurrencyRef = body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
  },
};
