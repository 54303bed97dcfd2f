/**
 * Stores: export format and QuickBooks class per store. Classes are checked in QuickBooks on request and
 * created only when someone asks. QBO keeps class names unique (6240), and a create whose answer is lost
 * is looked up by name before anything else, so QuickBooks never ends up with two and a lost answer is
 * not an error (requestid replay is not trusted: QBO.md).
 */
import type { Handlers } from '../../../../preload/contract';
import { randomUUID } from 'node:crypto';
import type { QboClass } from '../../qbo/entities';
import { isDuplicateName, isUncertainWriteOutcome } from '../../qbo/qbo-fault';
import { findClass } from '../../sync/engine/earlier-success';
import { adviseFault } from '../../sync/engine/fault-advice';
import { classChain } from '../../sync/plan';
import { qboName } from '../../sync/modes/references';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { storesView } from '../views/store-view';
import { saveStoreSettings } from '../../use-cases/store-setup';

const lower = (s: string) => s.trim().toLowerCase();

export function storesHandlers(ctx: AppContext): Pick<Handlers, 'stores:get' | 'stores:update' | 'stores:check-classes' | 'stores:create-classes'> {
  return {
    'stores:get': async () => storesView((await ctx.sessions.current()).ledger),
    'stores:update': async (input) => {
      const { ledger } = await ctx.sessions.current();
      const result = saveStoreSettings(ledger, input);
      if ('refused' in result) throw new AppError('invalid-input', result.refused.message, { code: result.refused.code });
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
      if (wanted.length === 0) throw new AppError('classes', 'Set a class (Parent:Sub) for the store first.', { code: 'no-class' });
      await qbo.references.reload('Class');
      for (const s of wanted) await ensureClassChain(s!.className!, qbo);
      qbo.references.flush();
      ctx.changed('stores', 'setup');
      return storesView(session.ledger);
    },
  };
}

/** Creates each missing level of `Parent:Sub` (parent first), refusing to touch an inactive one. */
async function ensureClassChain(
  fullyQualifiedName: string,
  qbo: { client: import('../../qbo/qbo-client').QboClient; references: import('../../qbo/reference-cache').ReferenceCache },
): Promise<void> {
  let parent: QboClass | undefined;
  for (const name of classChain(fullyQualifiedName)) {
    const existing = (await qbo.references.list('Class')).find((c) => lower(c.FullyQualifiedName ?? c.Name) === lower(name));
    if (existing) {
      if (existing.Active === false) {
        throw new AppError('classes', `The QuickBooks class "${name}" is inactive. Make it active in QuickBooks, then check again.`, {
          code: 'inactive-class',
        });
      }
      parent = existing;
      continue;
    }
    const segment = name.split(':').pop()!;
    const body: QboClass = parent?.Id ? { Name: qboName(segment), SubClass: true, ParentRef: { value: parent.Id } } : { Name: qboName(segment) };
    parent = await createOrFindClass(qbo.client, name, body);
    qbo.references.observe('Class', parent as unknown as Record<string, unknown>);
  }
}

/**
 * Creates the class; after a lost answer or a "name exists", the class QBO holds under that name. Not
 * there after a lost answer: nothing was created, so it is created once more under a new requestid.
 */
async function createOrFindClass(client: import('../../qbo/qbo-client').QboClient, name: string, body: QboClass): Promise<QboClass> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.create('Class', body, { requestId: randomUUID() });
    } catch (err) {
      if (!isUncertainWriteOutcome(err) && !isDuplicateName(err)) {
        const advice = adviseFault(err, { what: `the class "${name}"` });
        throw new AppError('classes', `${advice.message}${advice.fix ? ` ${advice.fix}` : ''}`, { code: 'class-not-created' });
      }
      let found: QboClass | null;
      try {
        found = await findClass(client, name);
      } catch (lookupErr) {
        const advice = adviseFault(lookupErr, { what: `the check for the class "${name}"` });
        throw new AppError(
          'classes',
          `QuickBooks did not answer whether it created the class "${name}", and it could not be checked: ${advice.message} Press "Create classes" again: it checks QuickBooks first, so the class is never made twice.`,
          { code: 'class-unknown' },
        );
      }
      if (found) {
        if (found.Active === false)
          throw new AppError('classes', `The QuickBooks class "${name}" is inactive. Make it active in QuickBooks, then check again.`, {
            code: 'inactive-class',
          });
        return found;
      }
      if (attempt >= 2) {
        throw new AppError(
          'classes',
          `QuickBooks did not answer while creating the class "${name}" (twice), and it does not hold it. Check the internet connection, then press "Create classes" again.`,
          { code: 'class-not-created' },
        );
      }
    }
  }
}
