#!/usr/bin/env node
/**
 * Headless entry over the core: `por-qbo <command> [...]`. Runs with plain Node after `npm run build`
 * (no Electron). Commands are declared in main/core/cli/command-table.ts and live in
 * main/core/cli/<name>-command.ts; each returns the process exit code.
 */
import { commandList, isCommandName, runCommand } from './core/cli/commands';
import { cliLog } from './core/cli/cli-log';
import { reportUnexpectedCliError } from './core/cli/cli-failure';
import { resolveDataDir } from './core/data-dir';
import { logProcessCrashes } from './core/log/process-crashes';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(commandList());
    return name ? 0 : 2;
  }
  if (name === 'help') {
    // `por-qbo help <command>` is that command's --help.
    if (rest[0] && isCommandName(rest[0])) return runCommand(rest[0], ['--help']);
    process.stdout.write(commandList());
    return 0;
  }
  if (!isCommandName(name)) {
    process.stderr.write(`por-qbo: unknown command "${name}". Try "por-qbo --help".\n`);
    return 2;
  }
  // A crash outside any await (a timer, a stream) is written to the log before Node reports it.
  logProcessCrashes((entry) => cliLog(resolveDataDir())(entry));
  return runCommand(name, rest);
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Names the command and the reason, and where the log with the details is.
    reportUnexpectedCliError(argv[0], err);
    process.exitCode = 1;
  },
);
