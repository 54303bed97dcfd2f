/**
 * Boots the BUILT shell (dist/main/index.js) in a child Node process whose `electron` is the recorded
 * stand-in (test/shell/stand-in), and drives it over the fork IPC channel. No Electron binary needed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUILT_MAIN = `${ROOT}dist/main/index.js`;
const REGISTER = new URL('./stand-in/register.mjs', import.meta.url).href;

export interface BootedShell {
  child: ChildProcess;
  /** Sends one command to the stand-in and waits for its answer. */
  call<T = unknown>(cmd: string, fields?: Record<string, unknown>): Promise<T>;
  /** Every message from the stand-in in arrival order (replies and the final quit). */
  messages: { type: string; id?: number; value?: unknown; workersAlive?: number }[];
  exited: Promise<number | null>;
  stderr(): string;
}

export function bootShell(options: { args?: string[]; env: Record<string, string> }): BootedShell {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
  const child = fork(BUILT_MAIN, options.args ?? [], {
    execArgv: ['--import', REGISTER],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  child.stdout!.resume();
  const messages: BootedShell['messages'] = [];
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const message = raw as BootedShell['messages'][number] & { error?: string };
    messages.push(message);
    if (message.type !== 'reply' || message.id === undefined) return;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) pending?.reject(new Error(message.error));
    else pending?.resolve(message.value);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => {
    for (const pending of waiting.values()) pending.reject(new Error(`the shell exited; stderr:\n${err.slice(-2000)}`));
  });
  let nextId = 1;
  return {
    child,
    messages,
    exited,
    stderr: () => err,
    call: <T>(cmd: string, fields: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...fields, cmd, id });
      }),
  };
}

export async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
