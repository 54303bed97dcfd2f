/**
 * "Add store": a new store number only. A number the environment already knows (set up, or named by POR
 * data) is refused with the store it is, so adding never overwrites a store's name or format.
 */
import type { Handlers } from '../../../../preload/contract';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { storesView } from '../views/store-view';
import { addStore } from '../../use-cases/store-setup';

export function storeAddHandlers(ctx: AppContext): Pick<Handlers, 'stores:add'> {
  return {
    'stores:add': async ({ store, name }) => {
      const { ledger } = await ctx.sessions.current();
      const added = addStore(ledger, { store, name: name || null, exportFormat: 'API-QBO' });
      if ('refused' in added) {
        const known = ledger.stores.get(store);
        const message =
          added.refused.code === 'store-exists'
            ? `Store ${store}${known?.name ? ` (${known.name})` : ''} already exists. Change it in the table above instead.`
            : added.refused.message;
        throw new AppError('invalid-input', message, { code: added.refused.code });
      }
      ctx.changed('stores', 'setup', 'mapping');
      return storesView(ledger);
    },
  };
}
