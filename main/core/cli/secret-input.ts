/**
 * Reading secrets on the command line without leaving them where others can read them: never from
 * argv unless asked (`ps` shows every process's arguments), a prompt that does not echo on a terminal,
 * and a size limit on piped input (a credential paste is a few KB, never megabytes).
 */
import type { Readable, Writable } from 'node:stream';

/** Far above four pasted values (Intuit tokens are at most ~4 KB each), far below a runaway pipe. */
export const MAX_STDIN_BYTES = 64 * 1024;

export class SecretInputError extends Error {}

/** Standard input as text, refusing more than `max` bytes. */
export async function readBoundedStdin(input: Readable, max = MAX_STDIN_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = Buffer.from(chunk as Buffer);
    size += buf.length;
    if (size > max) throw new SecretInputError(`standard input is larger than ${Math.round(max / 1024)} KB; pipe only the four connection values`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface TerminalIn extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Asks for one value on a terminal without echoing what is typed (raw mode; Enter ends it, Ctrl-C
 * aborts, Backspace edits). Writes only the question and a newline.
 */
export function promptHidden(question: string, input: TerminalIn, output: Writable, max = 8 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = (input as { isRaw?: boolean }).isRaw === true;
    input.setRawMode?.(true);
    output.write(question);
    const done = (err: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value.trim());
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new SecretInputError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
        if (value.length > max) return done(new SecretInputError(`the value is longer than ${max} characters`));
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
