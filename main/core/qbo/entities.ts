/**
 * Request/response body shapes for the QBO v3 entities we use, named as in Intuit's Finance.xsd.
 * Amounts are JSON numbers with two decimals, produced from integer cents by centsToAmount().
 * Only the fields we send or read are typed; QBO returns more.
 */
export interface Ref {
  value: string;
  name?: string;
}

export interface MetaData {
  CreateTime?: string;
  LastUpdatedTime?: string;
}

export interface EntityBase {
  Id?: string;
  SyncToken?: string;
  MetaData?: MetaData;
  sparse?: boolean;
}

export type PostingType = 'Debit' | 'Credit';

export interface JournalEntryLine {
  Id?: string;
  Description?: string;
  Amount: number;
  DetailType: 'JournalEntryLineDetail';
  JournalEntryLineDetail: {
    PostingType: PostingType;
    AccountRef: Ref;
    ClassRef?: Ref;
    DepartmentRef?: Ref;
    Entity?: { Type: 'Customer' | 'Vendor' | 'Employee'; EntityRef: Ref };
  };
}

export interface JournalEntry extends EntityBase {
  TxnDate: string;
  DocNumber?: string;
  PrivateNote?: string;
  Line: JournalEntryLine[];
  TotalAmt?: number;
}

export interface SalesItemLine {
  Id?: string;
  LineNum?: number;
  Description?: string;
  Amount: number;
  DetailType: 'SalesItemLineDetail';
  SalesItemLineDetail: {
    ItemRef: Ref;
    Qty?: number;
    UnitPrice?: number;
    TaxCodeRef?: Ref;
    ClassRef?: Ref;
    ServiceDate?: string;
  };
}

export interface SubTotalLine {
  Amount: number;
  DetailType: 'SubTotalLineDetail';
  SubTotalLineDetail: Record<string, never>;
}

export interface TxnTaxDetail {
  TxnTaxCodeRef?: Ref;
  TotalTax?: number;
}

export interface Invoice extends EntityBase {
  CustomerRef: Ref;
  DocNumber?: string;
  TxnDate?: string;
  DueDate?: string;
  ClassRef?: Ref;
  DepartmentRef?: Ref;
  PrivateNote?: string;
  CustomerMemo?: { value: string };
  BillEmail?: { Address: string };
  Line: (SalesItemLine | SubTotalLine)[];
  TxnTaxDetail?: TxnTaxDetail;
  TotalAmt?: number;
  Balance?: number;
}

export interface CreditMemo extends Omit<Invoice, 'DueDate' | 'Balance'> {
  RemainingCredit?: number;
}

export interface LinkedTxn {
  TxnId: string;
  TxnType: 'Invoice' | 'CreditMemo' | 'JournalEntry';
}

export interface Payment extends EntityBase {
  CustomerRef: Ref;
  TotalAmt: number;
  TxnDate?: string;
  PaymentRefNum?: string;
  DepositToAccountRef?: Ref;
  /** The A/R account the payment credits (the company's default when left out). */
  ARAccountRef?: Ref;
  PaymentMethodRef?: Ref;
  PrivateNote?: string;
  Line?: { Amount: number; LinkedTxn: LinkedTxn[] }[];
}

export interface DepositLine {
  Amount: number;
  Description?: string;
  DetailType: 'DepositLineDetail';
  DepositLineDetail: { AccountRef: Ref; ClassRef?: Ref; PaymentMethodRef?: Ref; Entity?: Ref };
}

export interface Deposit extends EntityBase {
  TxnDate?: string;
  DepositToAccountRef: Ref;
  PrivateNote?: string;
  Line: DepositLine[];
  TotalAmt?: number;
}

export interface Customer extends EntityBase {
  DisplayName: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address: string };
  /** We keep the POR customer number here (printed on forms, searchable). */
  AcctNum?: string;
  Notes?: string;
  Active?: boolean;
}

export interface Item extends EntityBase {
  Name: string;
  Type: 'Service' | 'NonInventory' | 'Inventory';
  IncomeAccountRef?: Ref;
  Active?: boolean;
}

export interface QboClass extends EntityBase {
  Name: string;
  SubClass?: boolean;
  ParentRef?: Ref;
  FullyQualifiedName?: string;
  Active?: boolean;
}

export interface Department extends EntityBase {
  Name: string;
  SubDepartment?: boolean;
  ParentRef?: Ref;
  FullyQualifiedName?: string;
  Active?: boolean;
}

export interface Account extends EntityBase {
  Name: string;
  AcctNum?: string;
  AccountType?: string;
  AccountSubType?: string;
  Classification?: 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense';
  FullyQualifiedName?: string;
  Active?: boolean;
  CurrentBalance?: number;
}

export interface TaxCode extends EntityBase {
  Name: string;
  Active?: boolean;
  Taxable?: boolean;
}

/** The company settings that change what QBO accepts (only the parts we read). */
export interface Preferences extends EntityBase {
  AccountingInfoPrefs?: { ClassTrackingPerTxn?: boolean; ClassTrackingPerTxnLine?: boolean; TrackDepartments?: boolean; BookCloseDate?: string };
  SalesFormsPrefs?: { CustomTxnNumbers?: boolean };
  CurrencyPrefs?: { MultiCurrencyEnabled?: boolean; HomeCurrency?: Ref };
  /** PartnerTaxEnabled: automated sales tax is on. */
  TaxPrefs?: { UsingSalesTax?: boolean; PartnerTaxEnabled?: boolean };
  /** Name/value pairs; WarnDuplicateJournalNumber among them. */
  OtherPrefs?: { NameValue?: { Name: string; Value?: string }[] };
}

export interface CompanyInfo extends EntityBase {
  CompanyName: string;
  LegalName?: string;
  Country?: string;
  /** OfferingSku names the plan (class tracking needs Plus or Advanced). */
  NameValue?: { Name: string; Value?: string }[];
}

export interface EntityMap {
  JournalEntry: JournalEntry;
  Invoice: Invoice;
  CreditMemo: CreditMemo;
  Payment: Payment;
  Deposit: Deposit;
  Customer: Customer;
  Item: Item;
  Class: QboClass;
  Department: Department;
  Account: Account;
  TaxCode: TaxCode;
  CompanyInfo: CompanyInfo;
}
export type EntityName = keyof EntityMap;

/** Entities we create, update, delete or void (TaxCode and CompanyInfo are read-only to us). */
export const WRITABLE_ENTITIES = ['JournalEntry', 'Invoice', 'CreditMemo', 'Payment', 'Deposit', 'Customer', 'Item', 'Class', 'Department', 'Account'] as const;
export type WritableEntity = (typeof WRITABLE_ENTITIES)[number];

/** A QBO fault body: `{"Fault":{"Error":[...],"type"}}`. */
export interface QboFaultBody {
  Fault: { Error: { Message: string; Detail?: string; code: string; element?: string }[]; type: string };
  time?: string;
}
