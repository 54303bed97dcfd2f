/**
 * A realistic equipment-rental company, the same every time: a chart of accounts with the account
 * numbers a POR export references (per-store suffixes like 4000-01), store classes with one store
 * left out on purpose (so class creation gets exercised), items for every POR line kind, US tax
 * codes TAX/NON, payment methods and a few customers. A couple of entries are inactive.
 */
import type { CompanyStore } from './company-store';
import type { EntityOperations } from './entity-operations';

export const PRACTICE_COMPANY_NAME = 'Practice Rental Co.';

type AccountSeed = [acctNum: string, name: string, type: string, subType: string, active?: boolean];

const ACCOUNTS: AccountSeed[] = [
  ['1000', 'Cash on hand', 'Bank', 'CashOnHand'],
  ['1020-01', 'Operating - Store 1 Burbank', 'Bank', 'Checking'],
  ['1020-02', 'Operating - Store 2 Glendale', 'Bank', 'Checking'],
  ['1020-03', 'Operating - Store 3 Pasadena', 'Bank', 'Checking'],
  ['1020-09', 'Operating - Store 9 (closed)', 'Bank', 'Checking', false],
  ['1050', 'Card clearing', 'Other Current Asset', 'OtherCurrentAssets'],
  ['1060', 'Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
  ['1200', 'Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
  ['1300', 'Inventory', 'Other Current Asset', 'Inventory'],
  ['1500', 'Rental fleet', 'Fixed Asset', 'MachineryAndEquipment'],
  ['1510', 'Rental fleet transfers', 'Other Current Asset', 'OtherCurrentAssets'],
  ['1590', 'Accumulated depreciation', 'Fixed Asset', 'AccumulatedDepreciation'],
  ['2000', 'Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable'],
  ['2200', 'Sales tax payable', 'Other Current Liability', 'SalesTaxPayable'],
  ['2300', 'Customer deposits', 'Other Current Liability', 'OtherCurrentLiabilities'],
  ['3000', 'Opening balance equity', 'Equity', 'OpeningBalanceEquity'],
  ['3900', 'Retained earnings', 'Equity', 'RetainedEarnings'],
  ['4000-01', 'Rental revenue - Store 1', 'Income', 'ServiceFeeIncome'],
  ['4000-02', 'Rental revenue - Store 2', 'Income', 'ServiceFeeIncome'],
  ['4000-03', 'Rental revenue - Store 3', 'Income', 'ServiceFeeIncome'],
  ['4000-09', 'Rental revenue - Store 9 (closed)', 'Income', 'ServiceFeeIncome', false],
  ['4100', 'Sales of merchandise', 'Income', 'SalesOfProductIncome'],
  ['4200', 'Damage waiver', 'Income', 'ServiceFeeIncome'],
  ['4300', 'Delivery and pickup', 'Income', 'ServiceFeeIncome'],
  ['4400', 'Labor', 'Income', 'ServiceFeeIncome'],
  ['4500', 'Fuel charges', 'Income', 'ServiceFeeIncome'],
  ['4600', 'Environmental fees', 'Income', 'ServiceFeeIncome'],
  ['4900', 'Other income', 'Other Income', 'OtherMiscellaneousIncome'],
  ['5000', 'Cost of goods sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
  ['6000', 'Depreciation expense', 'Other Expense', 'Depreciation'],
  ['6100', 'Repairs and maintenance', 'Expense', 'RepairMaintenance'],
  ['6200', 'Merchant card fees', 'Expense', 'BankCharges'],
];

type ItemSeed = [name: string, type: string, incomeAcctNum: string, description: string];

const ITEMS: ItemSeed[] = [
  ['Services', 'Service', '4900', 'QuickBooks default item'],
  ['Rental', 'Service', '4000-01', 'Equipment rental'],
  ['Sale', 'NonInventory', '4100', 'Merchandise sale'],
  ['Damage Waiver', 'Service', '4200', 'Damage waiver'],
  ['Delivery', 'Service', '4300', 'Delivery charge'],
  ['Pickup', 'Service', '4300', 'Pickup charge'],
  ['Labor', 'Service', '4400', 'Labor'],
  ['Fuel', 'Service', '4500', 'Fuel charge'],
  ['Environmental', 'Service', '4600', 'Environmental fee'],
  ['Other', 'Service', '4900', 'Other charge'],
];

// Customers already in QuickBooks before POR: their numbers (QB-5xx) never collide with the practice
// store's POR customer numbers (store digit + 4 digits), which the engine links by first.
const CUSTOMERS: { DisplayName: string; AcctNum: string; CompanyName?: string; email?: string; active?: boolean }[] = [
  { DisplayName: 'Cash Customer', AcctNum: 'CASH' },
  { DisplayName: 'Acme Construction', AcctNum: 'QB-501', CompanyName: 'Acme Construction Inc.', email: 'ap@acme-construction.example' },
  { DisplayName: 'Burbank Film Studios', AcctNum: 'QB-502', CompanyName: 'Burbank Film Studios LLC', email: 'billing@bfs.example' },
  { DisplayName: 'Valley Landscaping', AcctNum: 'QB-503', CompanyName: 'Valley Landscaping' },
  { DisplayName: "O'Brien Events", AcctNum: 'QB-504', CompanyName: "O'Brien Events" },
  { DisplayName: 'Jane Doe', AcctNum: 'QB-505' },
  { DisplayName: 'Old Rentals LLC', AcctNum: 'QB-599', active: false },
];

const PAYMENT_METHODS: [name: string, type: string][] = [
  ['Cash', 'NON_CREDIT_CARD'],
  ['Check', 'NON_CREDIT_CARD'],
  ['Visa', 'CREDIT_CARD'],
  ['MasterCard', 'CREDIT_CARD'],
  ['American Express', 'CREDIT_CARD'],
  ['Discover', 'CREDIT_CARD'],
  ['Debit Card', 'NON_CREDIT_CARD'],
  ['ACH', 'NON_CREDIT_CARD'],
];

export function seedCompany(store: CompanyStore, ops: EntityOperations, realmId: string): void {
  const opts = { allowDuplicateDocNum: false };
  store.insert('CompanyInfo', {
    Id: '1',
    CompanyName: PRACTICE_COMPANY_NAME,
    LegalName: 'Practice Rental Company, Inc.',
    CompanyAddr: { Id: '1', Line1: '100 Equipment Way', City: 'Burbank', CountrySubDivisionCode: 'CA', PostalCode: '91502', Country: 'US' },
    CompanyStartDate: '2020-01-01',
    FiscalYearStartMonth: 'January',
    Country: 'US',
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
    ],
    CompanyFileName: `practice-${realmId}`,
  });
  store.insert('TaxCode', { Id: 'TAX', Name: 'TAX', Description: 'TAX', Taxable: true, TaxGroup: false, Active: true, Hidden: false });
  store.insert('TaxCode', { Id: 'NON', Name: 'NON', Description: 'NON', Taxable: false, TaxGroup: false, Active: true, Hidden: false });
  store.insert('TaxCode', {
    Id: '3',
    Name: 'Los Angeles County',
    Description: 'Los Angeles County sales tax',
    Taxable: true,
    TaxGroup: true,
    Active: true,
    Hidden: false,
  });
  for (const [name, type] of PAYMENT_METHODS) store.insert('PaymentMethod', { Name: name, Type: type, Active: true });

  const accountIds = new Map<string, string>();
  for (const [acctNum, name, type, subType] of ACCOUNTS) {
    const a = ops.create('Account', { Name: name, AcctNum: acctNum, AccountType: type, AccountSubType: subType }, opts);
    accountIds.set(acctNum, String(a.Id));
  }
  for (const [name, type, income, description] of ITEMS) {
    ops.create('Item', { Name: name, Type: type, Description: description, IncomeAccountRef: { value: accountIds.get(income)! } }, opts);
  }
  const store1 = ops.create('Class', { Name: 'Store 1' }, opts);
  ops.create('Class', { Name: 'Burbank', ParentRef: { value: String(store1.Id) } }, opts);
  ops.create('Class', { Name: 'Store 2' }, opts); // "Store 2:Glendale" is left for the app to create
  const store9 = ops.create('Class', { Name: 'Store 9' }, opts);
  ops.create('Department', { Name: 'Burbank' }, opts);
  ops.create('Department', { Name: 'Glendale' }, opts);
  for (const c of CUSTOMERS) {
    ops.create(
      'Customer',
      {
        DisplayName: c.DisplayName,
        AcctNum: c.AcctNum,
        ...(c.CompanyName ? { CompanyName: c.CompanyName } : {}),
        ...(c.email ? { PrimaryEmailAddr: { Address: c.email } } : {}),
      },
      opts,
    );
  }
  // Inactive entries: made inactive after creation, as a user would.
  const deactivate = (entity: string, match: (o: Record<string, unknown>) => boolean): void => {
    const obj = store.all(entity).find(match);
    if (obj) ops.update(entity, { Id: obj.Id, SyncToken: obj.SyncToken, sparse: true, Active: false }, opts);
  };
  for (const [acctNum, , , , active] of ACCOUNTS) if (active === false) deactivate('Account', (a) => a.AcctNum === acctNum);
  for (const c of CUSTOMERS) if (c.active === false) deactivate('Customer', (o) => o.DisplayName === c.DisplayName);
  deactivate('Class', (o) => o.Id === store9.Id);
}
