#!/usr/bin/env node
/**
 * Headless entry over the core: `por-qbo <command> [...]`. Runs with plain Node after `npm run build`
 * (no Electron). Each command lives in main/core/cli/<name>-command.ts and exports `run(argv): Promise<number>`
 * returning the process exit code.
 */
import { COMMANDS } from './core/cli/commands';
import { cliLog } from './core/cli/cli-log';
import { reportUnexpectedCliError } from './core/cli/cli-failure';
import { resolveDataDir } from './core/data-dir';
import { logProcessCrashes } from './core/log/process-crashes';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`por-qbo: unknown command "${name}". Try "por-qbo --help".\n`);
    return 2;
  }
  // A crash outside any await (a timer, a stream) is written to the log before Node reports it.
  logProcessCrashes((entry) => cliLog(resolveDataDir())(entry));
  const mod = await command.load();
  return mod.run(rest);
}

function printHelp(): void {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  process.stdout.write(`Usage: por-qbo <command> [options]\n\nCommands:\n${lines.join('\n')}\n`);
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
