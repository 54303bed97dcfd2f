/**
 * `por-qbo practice-files <folder>`: the practice store's POR files, one per business day, written as POR
 * leaves them (so `por-qbo import` or the inbox reads them like a real store's). Only files: no ledger,
 * no QuickBooks.
 */
import { resolve } from 'node:path';
import { writePracticeFiles } from '../por/practice';
import { addDays } from '../por/iso-date';
import type { ParsedArgs } from './cli-args';
import type { SPECS } from './command-table';

export async function run({ values, positionals }: ParsedArgs<(typeof SPECS)['practice-files']>): Promise<number> {
  const folder = resolve(positionals[0]!);
  const yesterday = addDays(new Date().toISOString().slice(0, 10), -1);
  const startDate = values.start ?? addDays(yesterday, 1 - values.days);
  const { files, summary } = await writePracticeFiles(folder, {
    seed: values.seed,
    stores: values.stores,
    startDate,
    days: values.days,
    formats: [values.format],
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ folder, files, summary })}\n`);
  } else {
    process.stdout.write(
      `Wrote ${files.length} practice POR file(s) (${values.format}) for ${summary.stores} store(s), ${summary.startDate} to ${summary.endDate}, into ${folder}.\n` +
        `Import them with: por-qbo import ${JSON.stringify(folder)}\n`,
    );
  }
  return 0;
}
