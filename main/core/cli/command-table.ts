/**
 * Every `por-qbo` command declared once: name, summary, arguments and options with their types and
 * descriptions. Parsing, `--help`, the top-level command list and usage errors derive from this table
 * (cli-args.ts). Light on purpose: it loads no command's module.
 */
import { ENVIRONMENTS } from '../environment';
import { EXPORT_MODES } from '../ledger/env-settings';
import { MAX_PRACTICE_STORES } from '../por/practice/practice-stores';
import { DEFAULT_PROFILE, PROFILE_NAMES, describeProfiles } from '../practice/profiles';
import { EXIT_CODE_HELP } from '../use-cases/exit-codes';
import { CREDENTIAL_STORES, CREDENTIAL_STORE_ENV_VAR } from '../secrets/credential-store-choice';
import type { CommandSpec } from './cli-args';

const env = {
  type: 'string',
  value: 'ENV',
  choices: ENVIRONMENTS,
  description: 'Which environment; default: the one chosen in the app',
} as const;
const json = { type: 'boolean', description: 'Answer with one JSON line on stdout' } as const;
const jsonDefault = { ...json, default: false } as const;
const DAY_LIMIT = 366;
const STORE_FORMATS = ['API-QBO', 'off'] as const;

export const SPECS = {
  info: {
    summary: 'Show the data folder and current environment',
    options: { json: jsonDefault },
  },
  simulator: {
    summary: 'Run the practice QBO simulator (prints its URLs and credentials as one JSON line)',
    description:
      'Runs the practice QuickBooks simulator in the foreground and prints one JSON line with its URLs,\n' +
      'paste-path values and profile. Stops on Ctrl+C (SIGINT) or SIGTERM.',
    options: {
      port: { type: 'string', value: 'N', integer: [0, 65535], description: 'Port on 127.0.0.1 (default: any free port)' },
      realm: { type: 'string', value: 'DIGITS', description: 'Realm ID of the simulated company' },
      state: { type: 'string', value: 'FILE', description: 'Keep the company (and its tokens) in this file between runs' },
      seed: { type: 'string', value: 'N', integer: [0, 2 ** 31 - 1], description: 'Seed of the simulated faults' },
      profile: {
        type: 'string',
        value: 'NAME',
        choices: PROFILE_NAMES,
        description: `How QBO behaves where its docs and field reports differ (default ${DEFAULT_PROFILE})`,
      },
      json: { type: 'boolean', description: 'Accepted for symmetry: the line is always JSON' },
    },
    notes: () =>
      `Profiles (--profile, default ${DEFAULT_PROFILE}): how QBO behaves where its docs and field reports differ\n${describeProfiles()}\n\nExit codes: 0 stopped cleanly, 1 unexpected error, 2 usage.`,
  },
  connect: {
    summary: 'Connect to QuickBooks with Client ID, Secret, Realm ID and Refresh Token (--status to check)',
    usage: [
      '--env practice|sandbox|production --client-id X --realm R [--json]   (asks for secret and token, hidden)',
      '--env ENV --stdin   (or PORQBO_CLIENT_ID / PORQBO_CLIENT_SECRET / PORQBO_REALM_ID / PORQBO_REFRESH_TOKEN)',
      '... --client-secret Y --refresh-token T --insecure-argv   (visible to ps and shell history)',
      '--env practice   (the practice company in the data folder: no values needed)',
      '--status [--env ENV] [--verify] [--json]',
      '... --credential-store keychain|file   (where the credentials are kept; remembered)',
    ],
    description:
      'Connects an environment to QuickBooks through the paste path and keeps the credentials in the\n' +
      'system keychain, or, on a server without one, in a file readable only by you (--credential-store file).',
    options: {
      env,
      'client-id': { type: 'string', value: 'X', description: 'Client ID of your Intuit app' },
      'client-secret': { type: 'string', value: 'Y', description: 'Client Secret (refused unless --insecure-argv: others see it in ps)' },
      realm: { type: 'string', value: 'R', description: 'Realm ID (company ID) of the QuickBooks company' },
      'refresh-token': { type: 'string', value: 'T', description: 'Refresh Token (refused unless --insecure-argv)' },
      stdin: { type: 'boolean', default: false, description: 'Read the values from standard input (JSON object or KEY=value lines, at most 64 KB)' },
      'insecure-argv': { type: 'boolean', default: false, description: 'Allow secrets on the command line anyway' },
      status: { type: 'boolean', default: false, description: 'Show the connection instead of connecting' },
      verify: { type: 'boolean', default: false, description: 'With --status: ask QuickBooks too' },
      'credential-store': {
        type: 'string',
        value: 'keychain|file',
        choices: CREDENTIAL_STORES,
        description:
          'Where credentials are kept: the system keychain (default) or, for a server without a desktop session, ' +
          `a 0600 file in the data folder; remembered in the settings (${CREDENTIAL_STORE_ENV_VAR} overrides it)`,
      },
      json: jsonDefault,
    },
  },
  disconnect: {
    summary: 'Disconnect QuickBooks: revoke the token and remove the credentials',
    options: { env, json: jsonDefault },
  },
  stores: {
    summary: 'Stores: list them, add one or set its export format, QuickBooks class and name',
    usage: [
      '[list] [--env ENV] [--json]',
      'add N --format API-QBO|off [--class PARENT:SUB] [--name NAME] [--code CODE] [--env ENV] [--json]',
      'set N [--format API-QBO|off] [--class PARENT:SUB] [--name NAME] [--code CODE] [--env ENV] [--json]',
    ],
    description:
      "Each POR store's QuickBooks export: its export format (API-QBO sends it, off keeps it out), its QuickBooks\n" +
      "class (Parent:Sub, created in QuickBooks by the first export that needs it) and POR's class/store code.\n" +
      '"add" refuses a store number that exists; "set" changes only what is given ("" clears a text).',
    positionals: [
      { name: 'action', description: 'What to do', choices: ['list', 'add', 'set'] },
      { name: 'store', description: 'The store number (add, set)' },
    ],
    options: {
      format: { type: 'string', value: 'API-QBO|off', choices: STORE_FORMATS, description: 'Export format' },
      class: { type: 'string', value: 'PARENT:SUB', description: 'QuickBooks class, e.g. "Store 1:Burbank"' },
      name: { type: 'string', value: 'NAME', description: 'Store name' },
      code: { type: 'string', value: 'CODE', description: 'POR\'s "QB Class/Store Code" (what {Class} in an account expands to)' },
      env,
      json: jsonDefault,
    },
  },
  mode: {
    summary: 'Show or choose the export mode: batch, realtime or transaction',
    usage: ['[--env ENV] [--json]', 'batch|realtime [--env ENV] [--json]', 'transaction --confirm-transaction-consequences [--env ENV] [--json]'],
    description:
      'Without a mode: the current one and what each does. Transaction mode turns off major POR functions: it is\n' +
      'chosen only with --confirm-transaction-consequences, after reading them (por-qbo mode).',
    positionals: [{ name: 'mode', description: 'The export mode', choices: EXPORT_MODES }],
    options: {
      'confirm-transaction-consequences': { type: 'boolean', default: false, description: 'I have read what transaction mode turns off in POR' },
      env,
      json: jsonDefault,
    },
  },
  import: {
    summary: 'Import POR GL export (IIF) and feed (JSON Lines) files into the ledger',
    description:
      "Imports POR GL exports (IIF) and feed files (JSON Lines) into an environment's ledger, in place.\n" +
      'Exit code: 0 all fine, 1 something was rejected, 2 usage.',
    positionals: [
      { name: 'path', description: 'a POR file, or a folder of them', required: true, variadic: true, missing: 'name at least one file or folder' },
    ],
    options: { env, json: jsonDefault },
  },
  'practice-files': {
    summary: "Write the practice store's POR files (daily GL exports and feeds) into a folder, as POR would",
    positionals: [{ name: 'folder', description: 'Where to write them (created if missing)', required: true }],
    options: {
      days: { type: 'string', value: 'N', integer: [1, DAY_LIMIT], default: '7', description: 'Business days' },
      stores: { type: 'string', value: 'N', integer: [1, MAX_PRACTICE_STORES], default: '2', description: 'Stores' },
      seed: { type: 'string', value: 'N', integer: [0, 2 ** 31 - 1], default: '1', description: 'Seed of the generated business' },
      start: { type: 'string', value: 'YYYY-MM-DD', date: true, description: 'First business day (default: the last N days up to yesterday)' },
      format: {
        type: 'string',
        value: 'feed|iif',
        choices: ['feed', 'iif'],
        default: 'feed',
        description: 'Document feeds (JSON Lines: every mode) or the daily GL exports POR writes (IIF: batch mode)',
      },
      json: jsonDefault,
    },
  },
  map: {
    summary: 'POR -> QuickBooks account mapping: --auto, --list or --set POR=QBO',
    usage: ['--auto | --list | --set POR=QBO [--set ...] [--store N] [--refresh-accounts] [--env ENV] [--json]'],
    description:
      'The POR -> QBO account mapping of one environment. --auto matches the POR accounts the imported documents use\n' +
      "against QuickBooks' chart of accounts (number first, then name; never over a manual choice); the chart is read\n" +
      'from QuickBooks when it was never read or with --refresh-accounts. --set takes the QBO account by Id, number\n' +
      'or name. Exit code: 0 done, 1 something needs a person, 2 usage.',
    options: {
      auto: { type: 'boolean', default: false, description: 'Map by account number, then name' },
      list: { type: 'boolean', default: false, description: 'Show the mapping and what needs attention' },
      set: { type: 'string', value: 'POR=QBO', multiple: true, description: 'Map one POR account by hand' },
      store: { type: 'string', value: 'N', integer: [1, 99_999], description: 'Only this store (default: all stores)' },
      'refresh-accounts': { type: 'boolean', default: false, description: "Read QuickBooks' chart of accounts again first (needs the connection)" },
      env,
      json: jsonDefault,
    },
  },
  sync: {
    summary: 'Send the ledger to QuickBooks: --once for one run, else run the scheduler in the foreground',
    description:
      'Sends what the ledger holds to QuickBooks. --once runs one cycle (plan, then send until nothing is runnable)\n' +
      'and exits with a code saying what is left; without it the scheduler runs in the foreground until Ctrl+C.',
    options: { once: { type: 'boolean', default: false, description: 'One cycle, then exit' }, env, json: jsonDefault },
    notes: EXIT_CODE_HELP,
  },
  status: {
    summary: 'Show the sync status (as the tray does), queue counts and what needs a person',
    options: { env, json: jsonDefault },
    notes: EXIT_CODE_HELP,
  },
  reconcile: {
    summary: 'POR totals vs QuickBooks totals per store, day and account (--from, --to, --csv)',
    description:
      'POR totals against what QuickBooks holds, per store, day and account, to the cent. Without dates: every day\n' + 'the ledger has documents for.',
    options: {
      from: { type: 'string', value: 'YYYY-MM-DD', date: true, description: 'First day' },
      to: { type: 'string', value: 'YYYY-MM-DD', date: true, description: 'Last day' },
      csv: { type: 'boolean', default: false, description: 'Every row as CSV' },
      env,
      json: jsonDefault,
    },
    notes: EXIT_CODE_HELP,
  },
  practice: {
    summary: 'Run the practice store through the practice QuickBooks simulator and print the reconciliation',
    description: 'Runs the practice store and the practice QuickBooks simulator through the whole pipeline and prints the reconciliation.',
    options: {
      days: { type: 'string', value: 'N', integer: [1, DAY_LIMIT], default: '7', description: 'Business days' },
      mode: { type: 'string', value: 'batch|realtime|transaction', choices: EXPORT_MODES, default: 'batch', description: 'Export mode' },
      stores: { type: 'string', value: 'N', integer: [1, MAX_PRACTICE_STORES], default: '2', description: 'Stores' },
      seed: { type: 'string', value: 'N', integer: [0, 2 ** 31 - 1], default: '1', description: 'Seed of the generated business' },
      start: { type: 'string', value: 'YYYY-MM-DD', date: true, description: 'First business day (default: the last N days up to yesterday)' },
      keep: { type: 'boolean', default: false, description: 'Keep the practice company and ledger of the last run' },
      json: jsonDefault,
    },
    notes: EXIT_CODE_HELP,
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof SPECS;
