/** The export mode: the three choices in POR's words (PRODUCT.md) and the one rule for choosing. */
import type { Ledger } from '../ledger';
import type { ExportMode } from '../ledger/env-settings';
import { refusal, type SetupRefusal } from './setup-refusal';

export interface ExportModeOption {
  mode: ExportMode;
  title: string;
  reaches: string;
  trigger: string;
  recommended: boolean;
}

export const EXPORT_MODE_OPTIONS: ExportModeOption[] = [
  {
    mode: 'batch',
    title: 'Batch mode',
    reaches: 'One summary journal entry per store per business day, debits and credits netted per account.',
    trigger: "the store's End of Day",
    recommended: true,
  },
  {
    mode: 'realtime',
    title: 'Real-time mode',
    reaches:
      'A summary journal entry per invoice as it is generated, and card deposits at End of Day. Inventory, transfers, cost of goods sold and depreciation still come in the End of Day batch; nothing is counted twice.',
    trigger: 'invoice generation',
    recommended: false,
  },
  {
    mode: 'transaction',
    title: 'Transaction mode',
    reaches:
      'QuickBooks invoices that replicate each POR invoice (customer, lines, tax, class); accounts receivable lives in QuickBooks. The End of Day batch still runs.',
    trigger: 'invoice generation',
    recommended: false,
  },
];

/** Saves the mode; transaction mode only with its consequences confirmed. */
export function chooseExportMode(ledger: Ledger, mode: ExportMode, confirmTransactionConsequences: boolean): SetupRefusal | null {
  if (mode === 'transaction' && !confirmTransactionConsequences) {
    return refusal(
      'confirmation-required',
      'Transaction mode turns off major POR functions. Read its consequences and confirm that you understand them before choosing it.',
    );
  }
  ledger.transaction(() => {
    ledger.settings.set('exportMode', mode);
    // A confirmation belongs to one choice: switching away and back asks again.
    ledger.settings.set('transactionModeConfirmed', mode === 'transaction');
  });
  return null;
}
