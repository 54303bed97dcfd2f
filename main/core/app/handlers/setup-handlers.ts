import type { CompanyPreflight, Handlers, SetupState } from '../../../../preload/contract';
import { companyPreflightRows } from '../../cutover/company-preflight';
import { readCompanySettings } from '../../cutover/read-company-settings';
import type { ExportMode } from '../../ledger/env-settings';
import { getConnectionStatus } from '../../connection/connection-status';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { computeSetup, SETUP_COMPLETED_KEY, SETUP_STEP_KEY } from '../views/setup-view';

export async function setupState(ctx: AppContext): Promise<SetupState> {
  const session = await ctx.sessions.current();
  const connection = await getConnectionStatus(session.environment, { dataDir: ctx.dataDir, secrets: ctx.secrets });
  return computeSetup(session.environment, session.ledger, connection);
}

/**
 * The company preflight (Preferences + CompanyInfo): what was read on connect, or read again on request
 * (after someone changed a setting in QuickBooks). Rows say what the app does with each setting.
 */
export async function companyPreflight(ctx: AppContext, refresh: boolean): Promise<CompanyPreflight> {
  const session = await ctx.sessions.current();
  const { ledger } = session;
  let settings = ledger.settings.get('companySettings') ?? null;
  if (refresh || !settings) {
    const connection = await session.qbo().catch(() => null);
    if (connection) settings = (await readCompanySettings(ledger, connection.client, { companyInfo: true })) ?? settings;
  }
  const storesWithClass = ledger.stores.list().filter((s) => s.className && s.exportFormat === 'API-QBO').length;
  const mode = (ledger.settings.get('exportMode') ?? null) as ExportMode | null;
  const rows = companyPreflightRows(settings, { storesWithClass, mode }).map((r) => ({
    id: r.id,
    label: r.label,
    state: r.state,
    detail: r.detail,
    blocking: r.gate && r.state === 'todo',
  }));
  return { read: settings !== null, plan: settings?.plan ?? null, rows, blocked: rows.some((r) => r.blocking) };
}

export function setupHandlers(ctx: AppContext): Pick<Handlers, 'setup:get' | 'setup:visit' | 'setup:finish' | 'setup:company'> {
  return {
    'setup:company': ({ refresh }) => companyPreflight(ctx, refresh),
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
        throw new AppError('not-ready', `Finish these steps first: ${open.map((s) => s.title).join(', ')}.`, { code: 'setup-incomplete' });
      }
      const { ledger } = await ctx.sessions.current();
      if (!state.complete) ledger.settings.set(SETUP_COMPLETED_KEY, new Date().toISOString());
      ledger.settings.set(SETUP_STEP_KEY, 'done');
      ctx.changed('setup');
      return setupState(ctx);
    },
  };
}
