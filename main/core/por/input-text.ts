/**
 * Bytes of a POR input file to text. POR runs on Windows, so files arrive as UTF-8 (with or without BOM),
 * UTF-16 with a BOM, or legacy Windows-1252. Binary junk (a zip, a PDF, UTF-16 without BOM) is refused
 * outright rather than parsed into nonsense.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isUtf8 } from 'node:buffer';
import type { InputProblem } from './model';
import { problem } from './read-result';

/** Larger than any real GL export or feed file by orders of magnitude; protects memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * No line of a POR file is longer than this (a feed document is a few KB; an IIF row a few hundred
 * bytes). A longer line is refused by number instead of being held in memory whole.
 */
export const MAX_LINE_CHARS = 64 * 1024;

/** The refusal of one over-long line, naming its length and the cap. */
export function lineTooLongMessage(length: number): string {
  return `the line is too long (${length.toLocaleString('en-US')} characters or more; the limit is ${MAX_LINE_CHARS.toLocaleString('en-US')}): no POR document is that long, so the line was not read`;
}

export type DecodedInput =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; warning: InputProblem | null }
  | { ok: false; fileProblem: InputProblem };

// Windows-1252 differs from Latin-1 only in 0x80..0x9F. Node's TextDecoder('windows-1252') is really
// Latin-1, so the table is spelled out. Undefined slots stay C1 controls and count as binary.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Decode a file's bytes. The BOM is removed from the text. */
export function decodeInputBytes(bytes: Uint8Array, fileName: string): DecodedInput {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    if (!isUtf8(body)) {
      return { ok: true, text: decodeWindows1252(body), encoding: 'windows-1252', warning: fallbackWarning(fileName) };
    }
    return { ok: true, text: body.toString('utf8'), encoding: 'utf-8', warning: null };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le', warning: null };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be', warning: null };
  }
  if (isUtf8(buf)) return { ok: true, text: buf.toString('utf8'), encoding: 'utf-8', warning: null };
  return { ok: true, text: decodeWindows1252(buf), encoding: 'windows-1252', warning: fallbackWarning(fileName) };
}

function fallbackWarning(fileName: string): InputProblem {
  return problem(
    fileName,
    null,
    null,
    'the file is not valid UTF-8; it was read as Windows-1252 (accented letters and symbols may be wrong: save it as UTF-8 to be sure)',
  );
}

export const BINARY_MESSAGE = 'not a text file: it contains binary data (if it is UTF-16, it needs a byte-order mark)';

/**
 * True when text is binary junk: any NUL, or more than 1% control characters (C0 except tab/CR/LF/FF,
 * DEL, C1 controls, U+FFFD from a failed decode) in the first 64K characters.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  // eslint-disable-next-line no-control-regex
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g);
  const count = controls ? controls.length : 0;
  return count > 0 && count * 100 > sample.length;
}

/** The refusal of a file over MAX_INPUT_BYTES, or null when its size is fine. */
export function tooLargeProblem(size: number, fileName: string): InputProblem | null {
  return size > MAX_INPUT_BYTES ? problem(fileName, null, null, `the file is too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`) : null;
}

/** Read a file's bytes for a reader; a missing or oversized file is a file problem, never a throw. */
export async function readInputFile(path: string): Promise<{ ok: true; bytes: Buffer; fileName: string } | { ok: false; fileProblem: InputProblem }> {
  const fileName = basename(path);
  try {
    const bytes = await readFile(path);
    const tooLarge = tooLargeProblem(bytes.length, fileName);
    if (tooLarge) return { ok: false, fileProblem: tooLarge };
    return { ok: true, bytes, fileName };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    const reason =
      code === 'ENOENT'
        ? 'it does not exist (moved or deleted?)'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'EBUSY'
              ? 'it is locked by another program'
              : code;
    return { ok: false, fileProblem: problem(fileName, null, null, `the file cannot be read: ${reason}`) };
  }
}
