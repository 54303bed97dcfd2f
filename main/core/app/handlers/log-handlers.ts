/**
 * The log from the settings screen: opened with the system's viewer through the host's capability
 * (Electron: shell.openPath; the browser harness records the call). The path is always in the answer,
 * so the person can find the file even when nothing could open it.
 */
import type { Handlers } from '../../../../preload/contract';
import type { AppContext } from '../app-context';

export function logHandlers(ctx: AppContext): Pick<Handlers, 'app:open-log'> {
  return {
    'app:open-log': async () => {
      const path = ctx.log.path;
      // Nothing written yet is still a file to open (and proves the folder can be written).
      ctx.log.ensureFile();
      const openPath = ctx.capabilities.openPath;
      if (!openPath) return { ok: false, path, message: `This app cannot open files here. The log is at ${path}` };
      const problem = await openPath(path);
      if (problem !== null) {
        ctx.log({ level: 'warn', event: 'app.open-log-failed', message: problem });
        return { ok: false, path, message: `The log could not be opened (${problem}). It is at ${path}` };
      }
      return { ok: true, path, message: `Opened the log: ${path}` };
    },
  };
}
