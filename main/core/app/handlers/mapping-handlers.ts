import type { Handlers } from '../../../../preload/contract';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { readChartOfAccounts } from '../../use-cases/chart-of-accounts';
import { applyAutomap, cachedAccounts, mappingView } from '../views/mapping-view';

export function mappingHandlers(ctx: AppContext): Pick<Handlers, 'mapping:get' | 'mapping:automap' | 'mapping:set' | 'mapping:refresh-accounts'> {
  const view = async () => {
    const s = await ctx.sessions.current();
    return mappingView(s.ledger, s.environment);
  };
  const loadAccounts = async (reload: boolean) => {
    const s = await ctx.sessions.current();
    await readChartOfAccounts(await s.qbo(), reload);
  };
  return {
    'mapping:get': view,
    'mapping:refresh-accounts': async () => {
      await loadAccounts(true);
      ctx.changed('mapping', 'setup');
      return view();
    },
    'mapping:automap': async () => {
      const s = await ctx.sessions.current();
      // Automap needs QuickBooks' chart of accounts: read it once if it was never read.
      if (!cachedAccounts(s.ledger)?.length) await loadAccounts(false);
      applyAutomap(s.ledger, s.environment);
      ctx.changed('mapping', 'setup');
      return view();
    },
    'mapping:set': async ({ store, porAccount, qboAccountId }) => {
      const s = await ctx.sessions.current();
      const target = store === 0 ? null : store;
      if (qboAccountId === null) {
        s.ledger.mappings.remove(target, porAccount);
      } else {
        const account = cachedAccounts(s.ledger)?.find((a) => a.Id === qboAccountId);
        if (!account)
          throw new AppError('mapping', 'That QuickBooks account is not in the list read from QuickBooks. Reload the accounts and pick again.', {
            code: 'unknown-account',
          });
        if (account.Active === false)
          throw new AppError('mapping', `"${account.Name}" is inactive in QuickBooks. Pick an active account.`, { code: 'inactive-account' });
        s.ledger.mappings.set({ store: target, porAccount, qboAccountId, qboAccountName: account.FullyQualifiedName ?? account.Name, source: 'manual' });
      }
      ctx.changed('mapping', 'setup');
      return view();
    },
  };
}
