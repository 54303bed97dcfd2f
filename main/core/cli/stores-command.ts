/**
 * `por-qbo stores [list] | add N ... | set N ...`: each store's export format, QuickBooks class, name and
 * class code, saved by the same function as the wizard's store steps and listed by the same view.
 * Exit code: 0 done, 1 refused (an existing number to add, a class that is not Parent:Sub), 2 usage.
 */
import { resolveDataDir } from '../data-dir';
import { storesView } from '../app/views/store-view';
import { addStore, saveStoreSettings, type StoreInput } from '../use-cases/store-setup';
import { usageError, type ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { withCliSession } from './cli-session';
import { SPECS } from './command-table';

export async function run({ values, positionals }: ParsedArgs<typeof SPECS.stores>): Promise<number> {
  const usage = (message: string) => usageError('stores', SPECS.stores, message, values.json);
  const action = positionals[0] ?? 'list';
  const changes = { format: values.format, class: values.class, name: values.name, code: values.code };
  const given = Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => `--${k}`);
  let input: StoreInput | null = null;
  if (action === 'list') {
    if (positionals[1] !== undefined || given.length) return usage(`"list" takes no store number and no ${given[0] ?? 'value'}`);
  } else {
    const text = positionals[1];
    if (text === undefined) return usage(`"${action}" needs the store number, e.g. por-qbo stores ${action} 1 --format API-QBO`);
    if (!/^\d{1,5}$/.test(text) || Number(text) < 1) return usage(`the store number must be a whole number from 1 to 99999; got "${text}"`);
    if (action === 'set' && given.length === 0) return usage('"set" needs at least one of --format, --class, --name or --code');
    input = {
      store: Number(text),
      ...(values.format !== undefined ? { exportFormat: values.format } : {}),
      ...(values.class !== undefined ? { className: values.class.trim() } : {}),
      ...(values.name !== undefined ? { name: values.name.trim() } : {}),
      ...(values.code !== undefined ? { classCode: values.code.trim() } : {}),
    };
  }
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  return withCliSession({ environment, dataDir, open: 'ledger' }, async ({ ledger }) => {
    let saved: number | null = null;
    if (input) {
      const result = action === 'add' ? addStore(ledger, input) : saveStoreSettings(ledger, input);
      if ('refused' in result) {
        if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, environment, error: result.refused })}\n`);
        else process.stderr.write(`por-qbo stores: ${result.refused.message}\n`);
        return 1;
      }
      saved = result.saved.store;
    }
    const view = storesView(ledger);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, environment, saved, ...view })}\n`);
      return 0;
    }
    const lines: string[] = [];
    if (saved !== null) {
      const s = view.stores.find((r) => r.store === saved)!;
      lines.push(
        `${action === 'add' ? 'Added' : 'Saved'} store ${s.store}${s.name ? ` (${s.name})` : ''}: export format ${s.exportFormat}, class ${s.className ?? '(none)'}${s.classCode ? `, class code ${s.classCode}` : ''}.`,
      );
      if (s.exportFormat === 'off')
        lines.push(`Its export is off: nothing of store ${s.store} goes to QuickBooks until "por-qbo stores set ${s.store} --format API-QBO".`);
      lines.push('');
    }
    lines.push(`Stores of the ${environment} environment:`);
    if (view.stores.length === 0) lines.push('  (none yet: add one with "por-qbo stores add 1 --format API-QBO --class \\"Store 1:Main\\"")');
    lines.push(`  ${'Store'.padEnd(7)}${'Format'.padEnd(9)}${'Class'.padEnd(28)}${'Documents'.padStart(9)}  Name`);
    for (const s of view.stores) {
      const cls = s.className
        ? `${s.className}${s.classState === 'missing' ? ' (not in QuickBooks yet)' : s.classState === 'inactive' ? ' (INACTIVE)' : ''}`
        : '(none)';
      lines.push(`  ${String(s.store).padEnd(7)}${s.exportFormat.padEnd(9)}${cls.padEnd(28)}${String(s.documents).padStart(9)}  ${s.name ?? ''}`.trimEnd());
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
