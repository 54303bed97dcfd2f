import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isIgnoredInboxName } from './file-format';

/**
 * Files named on a command line: a file as is, a folder as the files directly inside it (sorted by name,
 * so PR260314 comes before PR260315; our own processed/ and rejected/ folders are not entered).
 * Missing paths are returned too, so the import reports them as unreadable instead of skipping them.
 */
export async function expandImportPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch {
      // reported by the import
    }
    if (!isDir) {
      out.push(abs);
      continue;
    }
    const entries = await readdir(abs, { withFileTypes: true });
    for (const e of entries.filter((x) => x.isFile() && !isIgnoredInboxName(x.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(join(abs, e.name));
    }
  }
  return out;
}
