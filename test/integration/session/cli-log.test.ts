/**
 * `por-qbo` on a failure nobody planned for (here: a ledger file that is not a database) names the
 * command, the reason and the log that holds the details, and writes them there. Real CLI process.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../main/core/ledger/ledger';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('por-qbo unexpected errors', () => {
  it('say which command failed, why, what to do, and where the log is, and the log has the stack', async () => {
    const dir = makeTempDir('porqbo-cli-log-');
    dirs.push(dir);
    const ledger = ledgerPath(dir.path, 'sandbox');
    mkdirSync(join(ledger, '..'), { recursive: true });
    writeFileSync(ledger, 'this is not a SQLite database, it only has its name'.repeat(200));

    const r = await runCli(['status', '--env', 'sandbox'], { PORQBO_DATA_DIR: dir.path });
    const logFile = join(dir.path, 'logs', 'por-qbo.log');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `por-qbo status failed: file is not a database\nThis was not expected. Run the command again; if it fails again, the details are in the log: ${logFile}\n`,
    );
    const [entry] = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entry).toMatchObject({
      src: 'cli',
      level: 'error',
      event: 'cli.failed',
      command: 'status',
      message: 'file is not a database',
      error: { name: 'SqliteError', code: 'SQLITE_NOTADB' },
    });
    expect((entry!.error as { stack: string }).stack).toContain('status-command.ts');
  });
});
