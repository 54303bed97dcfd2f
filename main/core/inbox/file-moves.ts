import { copyFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { PROCESSED_DIR, REJECTED_DIR } from './inbox-dir';

/** A free path for `name` in `folder`: `name`, else `stem (2).ext`, `stem (3).ext`, ... */
export async function freePath(folder: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  for (let n = 1; n < 10_000; n++) {
    const candidate = join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`no free name for ${name} in ${folder}`);
}

/** Moves a file into a folder without overwriting anything there; works across volumes. */
export async function moveIntoFolder(path: string, folder: string): Promise<string> {
  const target = await freePath(folder, basename(path));
  try {
    await rename(path, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(path, target);
    await unlink(path);
  }
  return target;
}

export async function moveToProcessed(inboxDir: string, path: string): Promise<string> {
  return moveIntoFolder(path, join(inboxDir, PROCESSED_DIR));
}

/** Moves a partly recorded file to processed/ with `<name>.reason.txt` beside it: what was kept out and why. */
export async function moveToProcessedWithReason(inboxDir: string, path: string, reason: string): Promise<{ path: string; reasonPath: string }> {
  const target = await moveToProcessed(inboxDir, path);
  const reasonPath = `${target}.reason.txt`;
  await writeFile(reasonPath, reason.endsWith('\n') ? reason : `${reason}\n`, 'utf8');
  return { path: target, reasonPath };
}

/** Moves a refused file to rejected/ and writes `<name>.reason.txt` beside it, saying why in plain words. */
export async function moveToRejected(inboxDir: string, path: string, reason: string): Promise<{ path: string; reasonPath: string }> {
  const target = await moveIntoFolder(path, join(inboxDir, REJECTED_DIR));
  const reasonPath = `${target}.reason.txt`;
  await writeFile(reasonPath, reason.endsWith('\n') ? reason : `${reason}\n`, 'utf8');
  return { path: target, reasonPath };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
