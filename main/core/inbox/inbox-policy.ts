/**
 * What the inbox accepts. Anyone who can write the inbox folder gets entries into QuickBooks, so:
 * - the folder is a dedicated one: never the home folder, Documents, Desktop, Downloads or a drive root
 *   (or a folder above the home folder), never a link, and never an existing folder that already holds
 *   other people's files (a folder is ours when the app created it, or when it is empty or holds only
 *   POR files and our processed/ and rejected/ folders; it is then marked with `.por-qbo-inbox`);
 * - only POR's file names are read: GL exports `PRyymmdd` / `PRyymmMONTHLYONLY` (any extension, a suffix
 *   after a separator, as POR.md allows) and document feed files `*.jsonl` / `*.ndjson`;
 * - links are refused by lstat and never followed (a link is moved aside, its target never read).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, parse, resolve, sep } from 'node:path';
import { parseIifFileName } from '../por/iif/iif-file-name';
import { isIgnoredInboxName } from './file-format';
import { PROCESSED_DIR, REJECTED_DIR } from './inbox-dir';

/** Written into a folder the app made (or adopted) as its inbox. */
export const INBOX_MARKER = '.por-qbo-inbox';

const FEED_NAME_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/** A refused inbox folder, with the reason fit to show. */
export class InboxFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InboxFolderError';
  }
}

/** Why a file name is not one POR produces, or null when it is. */
export function inboxNameProblem(name: string): string | null {
  if (FEED_NAME_EXTENSIONS.has(extname(name).toLowerCase())) return null;
  if (parseIifFileName(name).recognised) return null;
  return (
    `"${name}" is not a file name Point of Rental produces (GL exports are named PRyymmdd or PRyymmMONTHLYONLY, document feed files end in .jsonl), so it was not read. ` +
    "Only POR files belong in the inbox; if this is one, rename it to POR's name and put it back."
  );
}

function sameFolder(a: string, b: string): boolean {
  const caseless = process.platform === 'win32' || process.platform === 'darwin';
  const norm = (p: string) => {
    const r = resolve(p).replace(/[\\/]+$/, '') || sep;
    return caseless ? r.toLowerCase() : r;
  };
  return norm(a) === norm(b);
}

function isAncestorOrSame(ancestor: string, of: string): boolean {
  const a = resolve(ancestor);
  const o = resolve(of);
  const caseless = process.platform === 'win32' || process.platform === 'darwin';
  const [x, y] = caseless ? [a.toLowerCase(), o.toLowerCase()] : [a, o];
  return y === x || y.startsWith(x.endsWith(sep) ? x : x + sep);
}

/** Why this folder may not be the inbox, or null when it may. */
export function inboxFolderProblem(dir: string, home: string = homedir()): string | null {
  if (!dir || !dir.trim()) return 'Choose a folder for the inbox.';
  const abs = resolve(dir);
  if (parse(abs).root === abs || sameFolder(parse(abs).root, abs))
    return `${abs} is the root of a drive: the inbox must be a folder of its own (for example ${join(home, 'POR QBO Companion', 'inbox')}).`;
  if (isAncestorOrSame(abs, home))
    return `${abs} is your home folder (or holds it): the inbox must be a folder of its own, because every file in it is read and moved.`;
  const personal = ['Documents', 'Desktop', 'Downloads', 'OneDrive', join('OneDrive', 'Documents'), join('OneDrive', 'Desktop')];
  const hit = personal.find((p) => sameFolder(abs, join(home, p)));
  if (hit)
    return `${abs} is your ${hit} folder: the inbox must be a folder of its own, because every file in it is read and moved. Make a new folder inside it instead.`;
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return null; // does not exist yet: the app creates it
  }
  if (st.isSymbolicLink()) return `${abs} is a link to another folder: choose the folder itself.`;
  if (!st.isDirectory()) return `${abs} is a file, not a folder.`;
  if (existsSync(join(abs, INBOX_MARKER))) return null;
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (err) {
    return `${abs} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`;
  }
  const foreign = names.filter((n) => n !== PROCESSED_DIR && n !== REJECTED_DIR && !isIgnoredInboxName(n) && inboxNameProblem(n) !== null);
  if (foreign.length > 0) {
    return (
      `${abs} already holds other files (${foreign
        .slice(0, 3)
        .map((n) => `"${n}"`)
        .join(', ')}${foreign.length > 3 ? ', ...' : ''}): ` +
      'the inbox must be a folder of its own, because every file in it is read and moved. Choose an empty folder or a new one.'
    );
  }
  return null;
}

/** Checks the folder, then creates it (with processed/ and rejected/) and marks it as the app's inbox. */
export function prepareInboxFolder(dir: string, home?: string): { inbox: string; processed: string; rejected: string } {
  const problem = inboxFolderProblem(dir, home);
  if (problem) throw new InboxFolderError(problem);
  const inbox = resolve(dir);
  const processed = join(inbox, PROCESSED_DIR);
  const rejected = join(inbox, REJECTED_DIR);
  mkdirSync(processed, { recursive: true });
  mkdirSync(rejected, { recursive: true });
  const marker = join(inbox, INBOX_MARKER);
  if (!existsSync(marker))
    writeFileSync(marker, 'This folder is the POR QBO Companion inbox: every POR file put here is imported, then moved.\n', { mode: 0o600 });
  return { inbox, processed, rejected };
}
