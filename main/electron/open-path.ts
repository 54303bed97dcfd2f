/** Opens a local file (the log) with the system's default app: the host capability behind "Open log". */
import { shell } from 'electron';

/** null when it opened; otherwise the reason the OS gave. */
export async function openPathWithSystem(path: string): Promise<string | null> {
  const problem = await shell.openPath(path);
  return problem ? problem : null;
}
