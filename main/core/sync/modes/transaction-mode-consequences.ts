/**
 * What choosing Transaction mode costs, in plain words. The UI shows every one of these before anyone
 * picks the mode and asks for a deliberate confirmation (PRODUCT.md; POR's own QBO integration overview).
 * Part of the contract: the sync modes behave exactly as these sentences say.
 */
export const TRANSACTION_MODE_CONSEQUENCES: readonly string[] = [
  'Point of Rental does not recommend this mode except for rare enterprise setups: major POR functions are turned off.',
  'Invoices can no longer be mass faxed or emailed during End of Day.',
  'Accounts receivable lives in QuickBooks Online: payments on invoices are not processed in POR, they are received in QuickBooks.',
  "Credit-card payments can't be applied to invoices in POR, so card integrations no longer pay invoices there.",
  "Customers can't pay invoices directly through the customer portal.",
  'Portal and card-integration payments arrive in QuickBooks as credit memos; someone must apply each one to its invoice in QuickBooks by hand, or the invoice stays open.',
  'Other payments recorded in POR are not sent to QuickBooks.',
  'Amounts paid when a contract closes reach QuickBooks in the End of Day journal as a credit on the customer; apply them to the invoice in QuickBooks.',
  'Your books must use closed accrual accounting.',
  'Customers are created in QuickBooks as needed (matched by POR customer number first, then by name).',
  "Invoices are still sent when they are fully paid, so the customer's history in QuickBooks is complete; 0.00 lines are left out.",
  'Sales tax on invoices is posted by QuickBooks to its own sales tax liability, and QuickBooks may recalculate it if automated sales tax is on.',
  'The End of Day batch still runs: inventory value, transfers, cost of goods sold, depreciation and deposits arrive as a daily journal entry.',
];
