import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SecretInputError, promptHidden, readBoundedStdin, type TerminalIn } from '../../../main/core/cli/secret-input';

function terminal(): { input: TerminalIn & PassThrough; raw: boolean[]; output: PassThrough; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true }) as TerminalIn & PassThrough;
  const raw: boolean[] = [];
  input.setRawMode = (mode: boolean) => raw.push(mode);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  return { input, raw, output, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('secrets typed at a terminal', () => {
  it('are never echoed: only the question and a newline are written; backspace edits; raw mode is restored', async () => {
    const t = terminal();
    const answer = promptHidden('Client Secret (not shown): ', t.input, t.output);
    t.input.write('s3cr');
    t.input.write('x\u007fet-value\r');
    expect(await answer).toBe('s3cret-value');
    expect(t.written()).toBe('Client Secret (not shown): \n');
    expect(t.raw).toEqual([true, false]);
  });

  it('Ctrl-C cancels', async () => {
    const t = terminal();
    const answer = promptHidden('Refresh Token (not shown): ', t.input, t.output);
    t.input.write('abc\u0003');
    await expect(answer).rejects.toBeInstanceOf(SecretInputError);
  });
});

describe('piped standard input', () => {
  it('is read whole up to the limit and refused past it', async () => {
    const small = new PassThrough();
    small.end('client_id=a\nrealm=1\n');
    expect(await readBoundedStdin(small, 100)).toBe('client_id=a\nrealm=1\n');
    const big = new PassThrough();
    big.end('x'.repeat(101));
    await expect(readBoundedStdin(big, 100)).rejects.toThrow(/larger than/);
  });
});
