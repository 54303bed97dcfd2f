/**
 * Lines of a file read in fixed-size chunks, never the whole file: memory stays bounded by the chunk and
 * the line cap whatever the file's size. A line longer than the cap is skipped to its end and reported by
 * number (its text is never held). Lines end at LF or CRLF; the text is UTF-8 (a BOM is dropped).
 */
import type { FileHandle } from 'node:fs/promises';
import { MAX_LINE_CHARS } from './input-text';

export type StreamedLine = { lineNo: number; text: string; tooLong?: undefined } | { lineNo: number; text: null; tooLong: number };

export interface LineStreamOptions {
  /** Bytes read at a time (default 1 MiB). */
  chunkBytes?: number;
  /** Longest line kept, in bytes (default MAX_LINE_CHARS). */
  maxLineBytes?: number;
}

export async function* streamLines(handle: FileHandle, options: LineStreamOptions = {}): AsyncGenerator<StreamedLine> {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const maxLine = options.maxLineBytes ?? MAX_LINE_CHARS;
  const buf = Buffer.allocUnsafe(chunkBytes);
  let carry: Buffer[] = [];
  let carryLength = 0;
  /** Bytes of the current line seen while it was over the cap (it is being skipped). */
  let skipping = -1;
  let lineNo = 0;
  let first = true;
  let position = 0;
  const finish = (tail: Buffer): StreamedLine => {
    lineNo++;
    if (skipping >= 0) {
      const length = skipping + tail.length;
      skipping = -1;
      return { lineNo, text: null, tooLong: length };
    }
    let line = carryLength ? Buffer.concat([...carry, tail]) : tail;
    carry = [];
    carryLength = 0;
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (line.length > maxLine) return { lineNo, text: null, tooLong: line.length };
    return { lineNo, text: line.toString('utf8') };
  };
  for (;;) {
    const { bytesRead } = await handle.read(buf, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    let chunk = buf.subarray(0, bytesRead);
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(0x0a, start);
      if (lf < 0) break;
      yield finish(chunk.subarray(start, lf));
      start = lf + 1;
    }
    const rest = chunk.subarray(start);
    if (skipping >= 0) skipping += rest.length;
    else if (carryLength + rest.length > maxLine + 1) {
      skipping = carryLength + rest.length;
      carry = [];
      carryLength = 0;
    } else if (rest.length) {
      carry.push(Buffer.from(rest)); // copied: buf is reused by the next read
      carryLength += rest.length;
    }
  }
  if (skipping >= 0 || carryLength > 0) yield finish(Buffer.alloc(0));
}
