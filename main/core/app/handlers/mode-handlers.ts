import type { Handlers, ModeView } from '../../../../preload/contract';
import type { Ledger } from '../../ledger';
import { TRANSACTION_MODE_CONSEQUENCES } from '../../sync/plan';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { EXPORT_MODE_OPTIONS, chooseExportMode } from '../../use-cases/export-mode';

/** The three modes in POR's own words (PRODUCT.md). */
const OPTIONS: ModeView['options'] = EXPORT_MODE_OPTIONS;

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
      const refused = chooseExportMode(ledger, mode, confirmTransactionConsequences === true);
      if (refused) throw new AppError('invalid-input', refused.refused.message, { code: refused.refused.code });
      ctx.changed('mode', 'setup');
      return modeView(ledger);
    },
  };
}
