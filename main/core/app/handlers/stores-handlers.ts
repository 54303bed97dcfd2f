/**
 * Stores: export format and QuickBooks class per store. Classes are checked in QuickBooks on request and
 * created only when someone asks, with the same requestid the sync engine would use for that class, so
 * QuickBooks can never end up with two.
 */
import type { Handlers } from '../../../../preload/contract';
import type { Environment } from '../../environment';
import { deriveRequestId } from '../../ledger';
import type { QboClass } from '../../qbo/entities';
import { classChain } from '../../sync/plan';
import { classEnsureKey } from '../../sync/modes/idempotency-key';
import { qboName } from '../../sync/modes/references';
import type { AppContext } from '../app-context';
import { UserFacingError } from '../dispatch';
import { storesView } from '../views/store-view';

const lower = (s: string) => s.trim().toLowerCase();

export function storesHandlers(ctx: AppContext): Pick<Handlers, 'stores:get' | 'stores:update' | 'stores:check-classes' | 'stores:create-classes'> {
  return {
    'stores:get': async () => storesView((await ctx.sessions.current()).ledger),
    'stores:update': async (input) => {
      const { ledger } = await ctx.sessions.current();
      try {
        ledger.stores.upsert({
          store: input.store,
          ...(input.name !== undefined ? { name: input.name || null } : {}),
          ...(input.className !== undefined ? { className: input.className || null } : {}),
          ...(input.classCode !== undefined ? { classCode: input.classCode || null } : {}),
          // A store first seen here has no row yet: keep it off until someone picks API-QBO.
          exportFormat: input.exportFormat ?? ledger.stores.get(input.store)?.exportFormat ?? 'off',
        });
      } catch (err) {
        if (err instanceof RangeError) throw new UserFacingError('invalid-store', err.message);
        throw err;
      }
      ctx.changed('stores', 'setup', 'mapping');
      return storesView(ledger);
    },
    'stores:check-classes': async () => {
      const session = await ctx.sessions.current();
      const qbo = await session.qbo();
      await qbo.references.reload('Class');
      qbo.references.flush();
      ctx.changed('stores', 'setup');
      return storesView(session.ledger);
    },
    'stores:create-classes': async ({ stores }) => {
      const session = await ctx.sessions.current();
      const qbo = await session.qbo();
      const wanted = stores.map((n) => session.ledger.stores.get(n)).filter((s) => s?.className);
      if (wanted.length === 0) throw new UserFacingError('no-class', 'Set a class (Parent:Sub) for the store first.');
      await qbo.references.reload('Class');
      for (const s of wanted) await ensureClassChain(session.environment, s!.className!, qbo);
      qbo.references.flush();
      ctx.changed('stores', 'setup');
      return storesView(session.ledger);
    },
  };
}

/** Creates each missing level of `Parent:Sub` (parent first), refusing to touch an inactive one. */
async function ensureClassChain(
  environment: Environment,
  fullyQualifiedName: string,
  qbo: { client: import('../../qbo/qbo-client').QboClient; references: import('../../qbo/reference-cache').ReferenceCache },
): Promise<void> {
  let parent: QboClass | undefined;
  for (const name of classChain(fullyQualifiedName)) {
    const existing = (await qbo.references.list('Class')).find((c) => lower(c.FullyQualifiedName ?? c.Name) === lower(name));
    if (existing) {
      if (existing.Active === false) {
        throw new UserFacingError('inactive-class', `The QuickBooks class "${name}" is inactive. Make it active in QuickBooks, then check again.`);
      }
      parent = existing;
      continue;
    }
    const segment = name.split(':').pop()!;
    const body: QboClass = parent?.Id
      ? { Name: qboName(segment), SubClass: true, ParentRef: { value: parent.Id } }
      : { Name: qboName(segment) };
    parent = await qbo.client.create('Class', body, { requestId: deriveRequestId(environment, classEnsureKey(environment, name), 1) });
    qbo.references.observe('Class', parent as unknown as Record<string, unknown>);
  }
}
