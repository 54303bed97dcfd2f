import type { Handlers, ModeView } from '../../../../preload/contract';
import type { Ledger } from '../../ledger';
import { TRANSACTION_MODE_CONSEQUENCES } from '../../sync/plan';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';

/** The three modes in POR's own words (PRODUCT.md). */
const OPTIONS: ModeView['options'] = [
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

export function modeView(ledger: Ledger): ModeView {
  return {
    mode: ledger.settings.get('exportMode') ?? null,
    transactionConfirmed: ledger.settings.get('transactionModeConfirmed') === true,
    options: OPTIONS,
    transactionConsequences: [...TRANSACTION_MODE_CONSEQUENCES],
  };
}

export function modeHandlers(ctx: AppContext): Pick<Handlers, 'mode:get' | 'mode:set'> {
  return {
    'mode:get': async () => modeView((await ctx.sessions.current()).ledger),
    'mode:set': async ({ mode, confirmTransactionConsequences }) => {
      const { ledger } = await ctx.sessions.current();
      if (mode === 'transaction' && confirmTransactionConsequences !== true) {
        throw new AppError(
          'invalid-input',
          "Transaction mode turns off major POR functions. Read its consequences and confirm that you understand them before choosing it.", { code: 'confirmation-required' }
        );
      }
      ledger.transaction(() => {
        ledger.settings.set('exportMode', mode);
        // A confirmation belongs to one choice: switching away and back asks again.
        ledger.settings.set('transactionModeConfirmed', mode === 'transaction');
      });
      ctx.changed('mode', 'setup');
      return modeView(ledger);
    },
  };
}
