import type { Handlers, SetupState } from '../../../../preload/contract';
import { getConnectionStatus } from '../../connection/connection-status';
import type { AppContext } from '../app-context';
import { UserFacingError } from '../dispatch';
import { computeSetup, SETUP_COMPLETED_KEY, SETUP_STEP_KEY } from '../views/setup-view';

export async function setupState(ctx: AppContext): Promise<SetupState> {
  const session = await ctx.sessions.current();
  const connection = await getConnectionStatus(session.environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
  return computeSetup(session.environment, session.ledger, connection);
}

export function setupHandlers(ctx: AppContext): Pick<Handlers, 'setup:get' | 'setup:visit' | 'setup:finish'> {
  return {
    'setup:get': () => setupState(ctx),
    'setup:visit': async ({ step }) => {
      const { ledger } = await ctx.sessions.current();
      // Only a change is written: every write is also an audit row.
      if (ledger.settings.get(SETUP_STEP_KEY) !== step) ledger.settings.set(SETUP_STEP_KEY, step);
      return setupState(ctx);
    },
    'setup:finish': async () => {
      const state = await setupState(ctx);
      const open = state.steps.filter((s) => s.id !== 'done' && s.state !== 'done');
      if (open.length) {
        throw new UserFacingError('setup-incomplete', `Finish these steps first: ${open.map((s) => s.title).join(', ')}.`);
      }
      const { ledger } = await ctx.sessions.current();
      if (!state.complete) ledger.settings.set(SETUP_COMPLETED_KEY, new Date().toISOString());
      ledger.settings.set(SETUP_STEP_KEY, 'done');
      ctx.changed('setup');
      return setupState(ctx);
    },
  };
}
