/**
 * A tiny request/response protocol over a Node IPC channel (fork), used between the benchmark's
 * processes: the orchestrator, the simulator host and the measured core. Either side may serve and call.
 */
import { fork, type ChildProcess } from 'node:child_process';

interface Call {
  rpc: 'call';
  id: number;
  method: string;
  args: unknown[];
}
interface Reply {
  rpc: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** This process's channel to its parent, or a forked child's. */
export type Channel = NodeJS.Process | ChildProcess;

export type Handlers = Record<string, (...args: never[]) => unknown>;
export type Caller = (method: string, ...args: unknown[]) => Promise<unknown>;

function isCall(m: unknown): m is Call {
  return typeof m === 'object' && m !== null && (m as Call).rpc === 'call';
}

function isReply(m: unknown): m is Reply {
  return typeof m === 'object' && m !== null && (m as Reply).rpc === 'reply';
}

function post(channel: Channel, message: Call | Reply): void {
  if (!channel.send) throw new Error('no IPC channel (was this process forked?)');
  (channel.send as (m: unknown) => boolean).call(channel, message);
}

function onMessage(channel: Channel, listener: (message: unknown) => void): void {
  (channel as NodeJS.EventEmitter).on('message', listener);
}

/** Answers calls arriving on `channel` with `handlers`. */
export function serve(channel: Channel, handlers: Handlers): void {
  onMessage(channel, (m) => {
    if (!isCall(m)) return;
    const handler = handlers[m.method] as ((...args: unknown[]) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown method ${m.method}`);
        return handler(...m.args);
      })
      .then(
        (value) => post(channel, { rpc: 'reply', id: m.id, ok: true, value }),
        (err: unknown) => post(channel, { rpc: 'reply', id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
}

/** Calls methods served on the other end of `channel`. */
export function caller(channel: Channel): Caller {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  // The other end went away (crashed, exited): nothing will answer.
  (channel as NodeJS.EventEmitter).once('disconnect', () => {
    for (const w of waiting.values()) w.reject(new Error('the other process disconnected before answering'));
    waiting.clear();
  });
  onMessage(channel, (m) => {
    if (!isReply(m)) return;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(m.error));
  });
  return (method, ...args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      post(channel, { rpc: 'call', id, method, args });
    });
}

/** Forks a TypeScript entry (through tsx) with an IPC channel. */
export function forkTs(entry: string, args: readonly string[] = [], execArgv: readonly string[] = []): ChildProcess {
  return fork(entry, [...args], { execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Resolves with the exit code; rejects if the process could not start. */
export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
