/** POR files given by hand (the CLI, "Import files…"): read into the session's ledger, then sent when they may. */
import { importFiles, type ImportReport } from '../inbox';
import type { EnvironmentSession } from '../session/environment-session';

export async function importPorFiles(session: EnvironmentSession, paths: string[]): Promise<ImportReport> {
  const report = await importFiles(session.ledger, paths);
  session.trigger('trigger');
  session.publish();
  return report;
}
