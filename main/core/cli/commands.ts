/**
 * The CLI's commands: the declarations (command-table.ts) joined to their modules, loaded lazily so
 * `por-qbo status` stays fast. `runCommand` is the one place argv is parsed, help printed and usage
 * errors answered; a module's `run` gets typed values only.
 */
import { helpText, parseCommand, usageError, type CommandSpec, type ParsedArgs } from './cli-args';
import { SPECS, type CommandName } from './command-table';

type Runner<N extends CommandName> = (args: ParsedArgs<(typeof SPECS)[N]>) => Promise<number>;
type Loaders = { [N in CommandName]: () => Promise<Runner<N>> };

const LOADERS: Loaders = {
  info: async () => (await import('./info-command')).run,
  simulator: async () => (await import('./simulator-command')).run,
  connect: async () => (await import('./connect-command')).run,
  disconnect: async () => (await import('./connect-command')).runDisconnect,
  stores: async () => (await import('./stores-command')).run,
  mode: async () => (await import('./mode-command')).run,
  import: async () => (await import('./import-command')).run,
  'practice-files': async () => (await import('./practice-files-command')).run,
  map: async () => (await import('./map-command')).run,
  sync: async () => (await import('./sync-command')).run,
  status: async () => (await import('./status-command')).run,
  reconcile: async () => (await import('./reconcile-command')).run,
  practice: async () => (await import('./practice-command')).run,
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(SPECS, name);
}

export function commandSpec(name: CommandName): CommandSpec {
  return SPECS[name];
}

/** Parses argv for the command, answers --help and usage errors, else runs it; the exit code. */
export async function runCommand<N extends CommandName>(name: N, argv: readonly string[]): Promise<number> {
  const spec = SPECS[name] as (typeof SPECS)[N];
  const outcome = parseCommand(name, spec, argv);
  if (outcome.kind === 'help') {
    process.stdout.write(helpText(name, spec));
    return 0;
  }
  if (outcome.kind === 'error') return usageError(name, spec, outcome.message, outcome.json);
  const run = (await LOADERS[name]()) as Runner<N>;
  return run(outcome.args);
}

/** `por-qbo --help`: every command with its summary. */
export function commandList(): string {
  const names = Object.keys(SPECS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = names.map((n) => `  ${n.padEnd(width)}${SPECS[n].summary}`);
  return `Usage: por-qbo <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n"por-qbo <command> --help" says what a command takes.\n`;
}
