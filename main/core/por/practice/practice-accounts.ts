/**
 * The POR chart of accounts the practice store posts to. Numbers agree with the practice QBO company
 * (main/core/practice/seed-company.ts: AcctNum = the expanded POR number), so automap finds them by number. Numbers with `.##` are per store and expand to `-01`, `-02`, ... (POR's tag).
 */
import { expandAccountTags } from '../accounts/account-tags';
import type { PracticeStoreInfo } from './practice-stores';

export type QboAccountType =
  | 'Bank'
  | 'Accounts Receivable'
  | 'Other Current Asset'
  | 'Fixed Asset'
  | 'Other Current Liability'
  | 'Income'
  | 'Cost of Goods Sold'
  | 'Expense'
  | 'Other Expense';

export interface PracticePorAccount {
  /** POR account number, possibly with a store tag (`1020.##`). */
  number: string;
  name: string;
  /** QBO AccountType / AccountSubType for the matching practice QBO account. */
  accountType: QboAccountType;
  accountSubType: string;
  /** POR requires it to be mapped (Bank Deposits). */
  required: boolean;
}

export const PRACTICE_POR_ACCOUNTS: readonly PracticePorAccount[] = [
  { number: '1000', name: 'Cash Drawer', accountType: 'Bank', accountSubType: 'CashOnHand', required: false },
  { number: '1020.##', name: 'Bank Deposits', accountType: 'Bank', accountSubType: 'Checking', required: true },
  { number: '1050', name: 'Credit Card Clearing', accountType: 'Other Current Asset', accountSubType: 'OtherCurrentAssets', required: false },
  { number: '1200', name: 'Accounts Receivable', accountType: 'Accounts Receivable', accountSubType: 'AccountsReceivable', required: false },
  { number: '1300', name: 'Inventory', accountType: 'Other Current Asset', accountSubType: 'Inventory', required: false },
  { number: '1500', name: 'Rental Fleet', accountType: 'Fixed Asset', accountSubType: 'MachineryAndEquipment', required: false },
  { number: '1510', name: 'Rental Fleet Transfers', accountType: 'Other Current Asset', accountSubType: 'OtherCurrentAssets', required: false },
  { number: '1590', name: 'Accumulated Depreciation', accountType: 'Fixed Asset', accountSubType: 'AccumulatedDepreciation', required: false },
  { number: '2200', name: 'Sales Tax Payable', accountType: 'Other Current Liability', accountSubType: 'SalesTaxPayable', required: false },
  { number: '4000.##', name: 'Rental Revenue', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '4100', name: 'Sales', accountType: 'Income', accountSubType: 'SalesOfProductIncome', required: false },
  { number: '4200', name: 'Damage Waiver', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '4300', name: 'Delivery and Pickup', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '4400', name: 'Labor', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '4500', name: 'Fuel Charges', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '4600', name: 'Environmental Fees', accountType: 'Income', accountSubType: 'ServiceFeeIncome', required: false },
  { number: '5000', name: 'Cost of Goods Sold', accountType: 'Cost of Goods Sold', accountSubType: 'SuppliesMaterialsCogs', required: false },
  { number: '6000', name: 'Depreciation Expense', accountType: 'Other Expense', accountSubType: 'Depreciation', required: false },
];

export interface ExpandedPracticeAccount extends Omit<PracticePorAccount, 'number'> {
  /** Expanded POR number (`1020-01`), also the practice QBO account's AcctNum. */
  number: string;
  /** The store it belongs to, or null for shared accounts. */
  store: number | null;
}

/**
 * Every POR account of a practice business with these stores: shared accounts once, tagged ones once per
 * store (named "Bank Deposits - Store 1"). This is exactly the set of accounts the generator posts to.
 */
export function expandPracticeAccounts(stores: readonly PracticeStoreInfo[]): ExpandedPracticeAccount[] {
  const out: ExpandedPracticeAccount[] = [];
  for (const acct of PRACTICE_POR_ACCOUNTS) {
    if (!acct.number.includes('#')) {
      out.push({ ...acct, store: null });
      continue;
    }
    for (const s of stores) {
      out.push({
        ...acct,
        number: expandAccountTags(acct.number, { number: s.number, classCode: s.className }),
        name: `${acct.name} - Store ${s.number}`,
        store: s.number,
      });
    }
  }
  return out;
}

/** The accounts the generator posts to, by role, for one store. */
export interface StoreAccounts {
  cash: string;
  bank: string;
  cardClearing: string;
  receivable: string;
  inventory: string;
  fleet: string;
  fleetTransfers: string;
  accumulatedDepreciation: string;
  salesTax: string;
  rental: string;
  sales: string;
  damageWaiver: string;
  delivery: string;
  labor: string;
  fuel: string;
  environmental: string;
  cogs: string;
  depreciation: string;
}

export function storeAccounts(store: PracticeStoreInfo): StoreAccounts {
  const tag = (pattern: string): string => expandAccountTags(pattern, { number: store.number, classCode: store.className });
  return {
    cash: '1000',
    bank: tag('1020.##'),
    cardClearing: '1050',
    receivable: '1200',
    inventory: '1300',
    fleet: '1500',
    fleetTransfers: '1510',
    accumulatedDepreciation: '1590',
    salesTax: '2200',
    rental: tag('4000.##'),
    sales: '4100',
    damageWaiver: '4200',
    delivery: '4300',
    labor: '4400',
    fuel: '4500',
    environmental: '4600',
    cogs: '5000',
    depreciation: '6000',
  };
}
