/**
 * "Add store": a new store number only. A number the environment already knows (set up, or named by POR
 * data) is refused with the store it is, so adding never overwrites a store's name or format.
 */
import type { Handlers } from '../../../../preload/contract';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { storesView } from '../views/store-view';

export function storeAddHandlers(ctx: AppContext): Pick<Handlers, 'stores:add'> {
  return {
    'stores:add': async ({ store, name }) => {
      const { ledger } = await ctx.sessions.current();
      const existing = storesView(ledger).stores.find((s) => s.store === store);
      if (existing) {
        throw new AppError(
          'invalid-input',
          `Store ${store}${existing.name ? ` (${existing.name})` : ''} already exists. Change it in the table above instead.`,
          { code: 'store-exists' },
        );
      }
      ledger.stores.upsert({ store, name: name || null, exportFormat: 'API-QBO' });
      ctx.changed('stores', 'setup', 'mapping');
      return storesView(ledger);
    },
  };
}
