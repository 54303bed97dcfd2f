/**
 * `por-qbo mode [batch|realtime|transaction]`: shows the export mode and what each does, or chooses one
 * with the wizard's rule (transaction mode only with its consequences confirmed).
 * Exit code: 0 done, 1 refused (transaction mode unconfirmed), 2 usage.
 */
import { resolveDataDir } from '../data-dir';
import type { ExportMode } from '../ledger/env-settings';
import { EXPORT_MODE_OPTIONS, chooseExportMode } from '../use-cases/export-mode';
import { TRANSACTION_MODE_CONSEQUENCES } from '../sync/plan';
import type { ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { withCliSession } from './cli-session';
import type { SPECS } from './command-table';

export async function run({ values, positionals }: ParsedArgs<typeof SPECS.mode>): Promise<number> {
  const wanted = positionals[0] as ExportMode | undefined;
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  return withCliSession({ environment, dataDir, open: 'ledger' }, async ({ ledger }) => {
    const consequences = [...TRANSACTION_MODE_CONSEQUENCES];
    if (wanted) {
      const refused = chooseExportMode(ledger, wanted, values['confirm-transaction-consequences']);
      if (refused) {
        if (values.json) {
          process.stdout.write(`${JSON.stringify({ ok: false, environment, error: refused.refused, transactionConsequences: consequences })}\n`);
        } else {
          process.stderr.write(
            `por-qbo mode: ${refused.refused.message}\nWhat transaction mode means:\n${consequences.map((c) => `  - ${c}`).join('\n')}\n` +
              'Choose it with: por-qbo mode transaction --confirm-transaction-consequences\n',
          );
        }
        return 1;
      }
    }
    const mode = ledger.settings.get('exportMode') ?? null;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, environment, mode, options: EXPORT_MODE_OPTIONS, transactionConsequences: consequences })}\n`);
      return 0;
    }
    const lines = [
      wanted ? `Export mode of the ${environment} environment is now ${mode}.` : `Export mode of the ${environment} environment: ${mode ?? 'not chosen yet'}.`,
    ];
    if (!wanted) {
      for (const o of EXPORT_MODE_OPTIONS) {
        lines.push('', `${o.mode}${o.recommended ? ' (recommended)' : ''}: ${o.title}, sent at ${o.trigger}.`, `  ${o.reaches}`);
      }
      lines.push('', 'Transaction mode turns off major POR functions:', ...consequences.map((c) => `  - ${c}`));
      lines.push('', 'Choose with: por-qbo mode batch | realtime | transaction --confirm-transaction-consequences');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
