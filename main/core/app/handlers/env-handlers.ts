import { profileOf } from '../../environment-profile';
import type { AppSettings, Handlers } from '../../../../preload/contract';
import { ENVIRONMENT_LABELS, type Environment } from '../../environment';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { getConnectionStatus } from '../../connection/connection-status';
import { inboxFolderProblem } from '../../inbox/inbox-policy';
import { stopAutomaticSync } from './sync-start-handlers';

type EnvChannels = 'app:info' | 'env:get' | 'env:set' | 'status:get' | 'settings:get' | 'settings:set';

export function environmentInfo(environment: Environment) {
  return { environment, label: ENVIRONMENT_LABELS[environment], practice: profileOf(environment).embeddedSimulator };
}

export function appSettingsOf(ctx: AppContext): AppSettings {
  const s = ctx.settings.all();
  return {
    syncServicesOn: s.syncServicesOn,
    paused: s.paused,
    startAtLogin: s.startAtLogin,
    startAtLoginSupported: !!ctx.capabilities.setStartAtLogin,
    inboxDir: s.inboxDir,
  };
}

export function envHandlers(
  ctx: AppContext,
  hooks: { onEnvironmentChanged(env: Environment): Promise<void>; onSyncSettingsChanged(): Promise<void> },
): Pick<Handlers, EnvChannels> {
  return {
    'app:info': async () => ({
      name: 'POR QBO Companion',
      version: ctx.version,
      platform: process.platform,
      dataDir: ctx.dataDir,
      host: ctx.host,
      logFile: ctx.log.path,
      logDir: ctx.log.dir,
    }),
    'env:get': async () => environmentInfo(ctx.settings.get('environment')),
    'env:set': async ({ environment, typedName }) => {
      if (environment !== ctx.settings.get('environment')) {
        if (profileOf(environment).realBooks) await requireTypedName(ctx, environment, typedName);
        // Automatic sync starts per set of books, from the day chosen for them (sync:start): other books never
        // inherit it, or their whole backlog would go out with no preview and no start day.
        if (ctx.settings.get('syncServicesOn')) stopAutomaticSync(ctx);
        ctx.settings.set('environment', environment);
        await hooks.onEnvironmentChanged(environment);
      }
      return environmentInfo(environment);
    },
    'status:get': async () => ctx.status.get(),
    'settings:get': async () => appSettingsOf(ctx),
    'settings:set': async (patch) => {
      // Turning automatic sync on goes through sync:start only: it shows what would be sent and sets the start day.
      if (patch.syncServicesOn === true && !ctx.settings.get('syncServicesOn')) {
        throw new AppError(
          'refused',
          'Automatic sync is turned on with "Turn on automatic sync…", which shows what it would send, from which day, before anything is sent.',
          {
            code: 'sync-start-required',
          },
        );
      }
      if (patch.startAtLogin !== undefined) {
        ctx.settings.set('startAtLogin', patch.startAtLogin);
        ctx.capabilities.setStartAtLogin?.(patch.startAtLogin);
      }
      if (patch.inboxDir) {
        // The inbox posts whatever lands in it: never home, Documents, Desktop, a drive root or someone's folder.
        const problem = inboxFolderProblem(patch.inboxDir);
        if (problem) throw new AppError('invalid-input', problem, { code: 'inbox-folder' });
      }
      if (patch.inboxDir !== undefined) ctx.settings.set('inboxDir', patch.inboxDir);
      if (patch.syncServicesOn !== undefined) ctx.settings.set('syncServicesOn', patch.syncServicesOn);
      if (patch.syncServicesOn !== undefined || patch.inboxDir !== undefined) await hooks.onSyncSettingsChanged();
      ctx.changed('settings');
      return appSettingsOf(ctx);
    },
  };
}

/**
 * Switching to the real books is deliberate: the person types the company's name (or the word
 * "Production" before it is connected), checked here so no caller of the bridge skips it.
 */
async function requireTypedName(ctx: AppContext, environment: Environment, typedName: string | undefined): Promise<void> {
  const connection = await getConnectionStatus(environment, { dataDir: ctx.dataDir, secrets: ctx.secrets }).catch(() => null);
  const expected = connection?.companyName ?? 'Production';
  if ((typedName ?? '').trim().toLowerCase() !== expected.trim().toLowerCase()) {
    throw new AppError('invalid-input', `To switch to ${ENVIRONMENT_LABELS[environment]}, type "${expected}" exactly: it writes your real books.`, {
      code: 'name-mismatch',
    });
  }
}
