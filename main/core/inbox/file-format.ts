import { basename, extname } from 'node:path';
import { parseIifFileName } from '../por/iif/iif-file-name';

export type InputFormat = 'iif' | 'feed';

const FEED_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json']);

/**
 * Which reader a file goes to: by extension, then by POR's GL file name, then by its first character
 * (`{` starts a JSON line). Anything else goes to the IIF reader, whose refusal names the problem.
 */
export function detectInputFormat(path: string, head: Uint8Array): InputFormat {
  const ext = extname(path).toLowerCase();
  if (FEED_EXTENSIONS.has(ext)) return 'feed';
  if (ext === '.iif' || parseIifFileName(basename(path)).recognised) return 'iif';
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.trimStart().startsWith('{') ? 'feed' : 'iif';
}

/** Names the inbox leaves alone: our own reason files, hidden files and half-written downloads or office locks. */
export function isIgnoredInboxName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') ||
    lower.startsWith('~$') ||
    lower.endsWith('.reason.txt') ||
    lower.endsWith('.tmp') ||
    lower.endsWith('.part') ||
    lower.endsWith('.crdownload') ||
    lower.endsWith('.partial') ||
    lower === 'desktop.ini' ||
    lower === 'thumbs.db'
  );
}
