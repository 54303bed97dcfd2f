/**
 * `por-qbo map --auto | --list | --set POR=QBO... [--store N] [--env E] [--json]`: the POR -> QBO account mapping
 * of one environment. --auto matches the POR accounts the imported documents use against the QBO account
 * list cached in the ledger (number first, then name; never over a manual choice). --set takes the QBO
 * account by Id, account number or name. Exit code: 0 done, 1 something needs a person, 2 usage.
 */
import { resolveDataDir } from '../data-dir';
import { readConnectionRecord } from '../connection/connection-record';
import type { Environment } from '../environment';
import type { Ledger } from '../ledger';
import { automap, normaliseAccountKey } from '../por/accounts';
import type { Account } from '../qbo/entities';
import { readChartOfAccounts } from '../use-cases/chart-of-accounts';
import { usageError, type ParsedArgs } from './cli-args';
import { cliEnvironment } from './cli-environment';
import { withCliSession, type CliLedgerSession } from './cli-session';
import { SPECS } from './command-table';

interface Output {
  text: string[];
  json: Record<string, unknown>;
  code: number;
}

export async function run({ values }: ParsedArgs<typeof SPECS.map>): Promise<number> {
  const usage = (message: string) => usageError('map', SPECS.map, message, values.json);
  const actions = [values.auto, values.list, (values.set?.length ?? 0) > 0].filter(Boolean).length;
  if (actions !== 1) return usage('choose exactly one of --auto, --list or --set');
  const store = values.store ?? null;
  const sets: { por: string; qbo: string }[] = [];
  for (const s of values.set ?? []) {
    const at = s.indexOf('=');
    const por = at > 0 ? s.slice(0, at).trim() : '';
    const qbo = at > 0 ? s.slice(at + 1).trim() : '';
    if (!por || !qbo) return usage(`--set takes POR=QBO (a POR account number, "=", a QBO account Id, number or name); got "${s}"`);
    sets.push({ por, qbo });
  }
  const dataDir = resolveDataDir();
  const environment = cliEnvironment(values.env, dataDir);
  const act = (session: CliLedgerSession, note: string | null): Output => {
    const { ledger } = session;
    const out = values.auto ? runAuto(ledger, store) : values.list ? runList(ledger, store) : runSet(ledger, store, sets);
    if (note) out.text.unshift(note);
    return out;
  };
  // QuickBooks' chart is read only where it must be: --refresh-accounts, or --auto with none read yet.
  const wantsChart = values['refresh-accounts'] || values.auto;
  const out =
    wantsChart && hasConnection(dataDir, environment)
      ? await withCliSession({ environment, dataDir, open: 'runtime' }, async (session) => {
          const connection = session.runtime.connection;
          if (!connection) {
            return act(
              session,
              `QuickBooks (${environment}) could not be reached to read its chart of accounts; working from what was read before. Check "por-qbo connect --status --verify".`,
            );
          }
          if (values['refresh-accounts'] || !cachedAccounts(session.ledger).fetchedAt) await readChartOfAccounts(connection, values['refresh-accounts']);
          return act(session, null);
        })
      : await withCliSession({ environment, dataDir, open: 'ledger' }, async (session) => act(session, null));
  if (values.json) process.stdout.write(`${JSON.stringify({ environment, ...out.json })}\n`);
  else process.stdout.write(`${out.text.join('\n')}\n`);
  return out.code;
}

function hasConnection(dataDir: string, environment: Environment): boolean {
  try {
    return readConnectionRecord(dataDir, environment) !== null;
  } catch {
    return false;
  }
}

const storeLabel = (store: number | null) => (store === null ? 'all stores' : `store ${store}`);

function cachedAccounts(ledger: Ledger): { accounts: Account[]; fetchedAt: string | null } {
  const snap = ledger.reference.snapshot('Account');
  return { accounts: snap ? ledger.reference.list('Account') : [], fetchedAt: snap?.fetchedAt ?? null };
}

function emptyCacheMessage(ledger: Ledger): string {
  return (
    `No QuickBooks accounts are cached for the ${ledger.environment} environment yet, so there is nothing to match against. ` +
    `Connect this environment to QuickBooks ("por-qbo connect --env ${ledger.environment}", or in the app), then run "por-qbo map --auto" again: it reads the chart of accounts.`
  );
}

function runAuto(ledger: Ledger, store: number | null): Output {
  const { accounts, fetchedAt } = cachedAccounts(ledger);
  if (accounts.length === 0) {
    const message = emptyCacheMessage(ledger);
    return { text: [message], json: { ok: false, error: 'accountsNotCached', message }, code: 1 };
  }
  const porAccounts = ledger.reconciliation.porAccountsSeen(store ?? undefined);
  if (porAccounts.length === 0) {
    const message = `No POR documents${store === null ? '' : ` for store ${store}`} in the ${ledger.environment} ledger yet: import a GL export or feed file first ("por-qbo import <file>").`;
    return { text: [message], json: { ok: false, error: 'noPorAccounts', message }, code: 1 };
  }
  const suggestions = automap(porAccounts, accounts);
  const { saved, keptManual, unresolved } = ledger.mappings.applyAuto(suggestions);
  const alreadyMapped = suggestions.length - saved.length - keptManual.length - unresolved.length;
  const text = [
    `Automap in the ${ledger.environment} ledger against ${accounts.length} QuickBooks accounts (read ${fetchedAt}):`,
    ...saved.map((m) => `  mapped   ${storeLabel(m.store)} ${m.porAccount} -> ${m.qboAccountName ?? m.qboAccountId} (Id ${m.qboAccountId})`),
    ...keptManual.map((m) => `  kept     ${storeLabel(m.store)} ${m.porAccount} -> ${m.qboAccountName ?? m.qboAccountId} (set by hand)`),
    ...unresolved.map((s) => `  UNMAPPED ${storeLabel(s.store)} ${s.porAccount}: ${s.note}`),
    `${saved.length} mapped, ${alreadyMapped} unchanged, ${keptManual.length} manual kept, ${unresolved.length} still unmapped.`,
  ];
  if (unresolved.length) text.push('Map the rest by hand: por-qbo map --set POR=QBO [--store N]');
  return {
    text,
    json: { ok: unresolved.length === 0, saved, keptManual, unresolved, unchanged: alreadyMapped, accountsFetchedAt: fetchedAt },
    code: unresolved.length === 0 ? 0 : 1,
  };
}

function runList(ledger: Ledger, store: number | null): Output {
  const { accounts, fetchedAt } = cachedAccounts(ledger);
  const mappings = store === null ? ledger.mappings.list() : [...ledger.mappings.list(null), ...ledger.mappings.list(store)];
  const inUse = ledger.reconciliation.porAccountsSeen(store ?? undefined);
  const validation = ledger.mappings.validate(inUse, accounts);
  const text = [`Account mapping of the ${ledger.environment} ledger${store === null ? '' : ` (store ${store} and all stores)`}:`];
  if (mappings.length === 0) text.push('  (no mappings yet)');
  for (const m of mappings) {
    text.push(`  ${storeLabel(m.store).padEnd(10)} ${m.porAccount.padEnd(14)} -> ${m.qboAccountName ?? '?'} (Id ${m.qboAccountId}, ${m.source})`);
  }
  if (validation.issues.length) {
    text.push('Needs attention before posting:');
    for (const i of validation.issues) text.push(`  ${i.message}`);
  }
  text.push(
    validation.accountsCached
      ? `QuickBooks accounts cached: ${accounts.length} (read ${fetchedAt}).`
      : `QuickBooks accounts: not cached yet for ${ledger.environment}, so inactive or deleted targets cannot be checked. Connect ("por-qbo connect") and run "por-qbo map --list --refresh-accounts".`,
  );
  return {
    text,
    json: { ok: validation.ok, mappings, issues: validation.issues, accountsCached: validation.accountsCached, accountsFetchedAt: fetchedAt },
    code: 0,
  };
}

/** The QBO account a person named: Id, then account number, then name or full name (case and spaces ignored). */
function findAccount(accounts: Account[], text: string): { account: Account } | { error: string } {
  const key = normaliseAccountKey(text);
  const tiers = [
    accounts.filter((a) => a.Id === text),
    accounts.filter((a) => a.AcctNum !== undefined && normaliseAccountKey(a.AcctNum) === key),
    accounts.filter((a) => normaliseAccountKey(a.Name) === key || (a.FullyQualifiedName !== undefined && normaliseAccountKey(a.FullyQualifiedName) === key)),
  ];
  for (const tier of tiers) {
    if (tier.length === 1) return { account: tier[0]! };
    if (tier.length > 1) {
      return {
        error: `"${text}" matches ${tier.length} QuickBooks accounts (${tier.map((a) => `${a.FullyQualifiedName ?? a.Name} Id ${a.Id}`).join(', ')}); give the Id`,
      };
    }
  }
  return { error: `no QuickBooks account has Id, number or name "${text}"` };
}

function runSet(ledger: Ledger, store: number | null, sets: { por: string; qbo: string }[]): Output {
  const { accounts } = cachedAccounts(ledger);
  const text: string[] = [];
  const saved: unknown[] = [];
  const errors: { por: string; qbo: string; message: string }[] = [];
  for (const { por, qbo } of sets) {
    if (accounts.length === 0) {
      if (!/^\d+$/.test(qbo)) {
        const message = `${emptyCacheMessage(ledger)} Without it, give the QuickBooks account Id (digits) instead of "${qbo}".`;
        errors.push({ por, qbo, message });
        text.push(`  NOT SET ${por}: ${message}`);
        continue;
      }
      const m = ledger.mappings.set({ store, porAccount: por, qboAccountId: qbo, qboAccountName: null, source: 'manual' });
      saved.push(m);
      text.push(`  set ${storeLabel(store)} ${por} -> Id ${qbo} (not checked: the QuickBooks account list is not cached yet)`);
      continue;
    }
    const found = findAccount(accounts, qbo);
    if ('error' in found) {
      errors.push({ por, qbo, message: found.error });
      text.push(`  NOT SET ${por}: ${found.error}`);
      continue;
    }
    const a = found.account;
    const m = ledger.mappings.set({ store, porAccount: por, qboAccountId: a.Id!, qboAccountName: a.FullyQualifiedName ?? a.Name, source: 'manual' });
    saved.push(m);
    text.push(
      `  set ${storeLabel(store)} ${por} -> ${m.qboAccountName} (Id ${m.qboAccountId})${a.Active === false ? ' — WARNING: this QuickBooks account is inactive' : ''}`,
    );
  }
  text.unshift(`Account mapping of the ${ledger.environment} ledger:`);
  return { text, json: { ok: errors.length === 0, saved, errors }, code: errors.length === 0 ? 0 : 1 };
}
