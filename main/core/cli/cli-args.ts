/**
 * The one argument parser of `por-qbo`: every command is declared once (command-table.ts) and its
 * parsing, value checks, `--help` text and usage errors all derive from that declaration. Parsing is
 * node:util parseArgs (strict); what it refuses is said in our words, naming the command.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Placeholder in the usage line (`--days N`); default: the choices, else VALUE. */
  value?: string;
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The only values accepted (checked, listed in --help). */
  choices?: readonly string[];
  /** A whole number in [min, max]; the parsed value is a number. */
  integer?: readonly [number, number];
  /** A calendar date YYYY-MM-DD. */
  date?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes every remaining argument (last positional only). */
  variadic?: boolean;
  choices?: readonly string[];
  /** What to say when a required one is missing. */
  missing?: string;
}

export interface CommandSpec {
  summary: string;
  /** Usage lines after `por-qbo <name> ` when the generated one cannot say it (exclusive forms). */
  usage?: readonly string[];
  description?: string;
  positionals?: readonly PositionalSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Text after the option list (exit codes, examples, profiles). */
  notes?: string | (() => string);
}

type Scalar<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O extends { integer: readonly [number, number] }
    ? number
    : O extends { choices: readonly (infer C extends string)[] }
      ? C
      : string;
type OptionValue<O extends OptionSpec> = O extends { multiple: true } ? Scalar<O>[] : Scalar<O>;

/** The values a command gets: typed from its declaration (defaults make a value always present). */
export type ArgValues<S extends CommandSpec> = {
  -readonly [K in keyof S['options']]: S['options'][K] extends { default: string | boolean }
    ? OptionValue<S['options'][K]>
    : OptionValue<S['options'][K]> | undefined;
};

export interface ParsedArgs<S extends CommandSpec> {
  values: ArgValues<S>;
  positionals: string[];
}

export type ParseOutcome<S extends CommandSpec> = { kind: 'ok'; args: ParsedArgs<S> } | { kind: 'help' } | { kind: 'error'; message: string; json: boolean };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseCommand<S extends CommandSpec>(name: string, spec: S, argv: readonly string[]): ParseOutcome<S> {
  const beforeDashes = argv.indexOf('--') >= 0 ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) return { kind: 'help' };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }> = {};
  for (const [key, o] of Object.entries(spec.options)) {
    options[key] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: (spec.positionals?.length ?? 0) > 0, strict: true }) as typeof parsed;
  } catch (err) {
    return { kind: 'error', message: parseErrorMessage(name, spec, err), json: false };
  }
  const values = parsed.values;
  const json = values.json === true;
  const fail = (message: string): ParseOutcome<S> => ({ kind: 'error', message, json });
  for (const [key, o] of Object.entries(spec.options)) {
    const raw = values[key];
    if (raw === undefined || o.type === 'boolean') continue;
    const list = Array.isArray(raw) ? (raw as string[]) : [raw as string];
    const checked: (string | number)[] = [];
    for (const v of list) {
      if (o.choices && !o.choices.includes(v)) return fail(`--${key} must be one of ${o.choices.join(', ')}; got "${v}"`);
      if (o.date && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) return fail(`--${key} must be a date like 2026-03-14; got "${v}"`);
      if (o.integer) {
        const [min, max] = o.integer;
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(n >= min && n <= max)) return fail(`--${key} must be a whole number from ${min} to ${max}; got "${v}"`);
        checked.push(n);
      } else checked.push(v);
    }
    values[key] = Array.isArray(raw) ? checked : checked[0];
  }
  const specs = spec.positionals ?? [];
  const given = parsed.positionals;
  const variadic = specs.at(-1)?.variadic === true;
  if (!variadic && given.length > specs.length) {
    return fail(`unexpected argument "${given[specs.length]}" for \`por-qbo ${name}\`; see \`por-qbo ${name} --help\``);
  }
  for (const [i, p] of specs.entries()) {
    const v = given[i];
    if (v === undefined) {
      if (p.required) return fail(p.missing ?? `name ${article(p.name)} ${p.name.toUpperCase()} (${p.description})`);
      continue;
    }
    if (p.choices && !p.choices.includes(v)) return fail(`${p.name.toUpperCase()} must be one of ${p.choices.join(', ')}; got "${v}"`);
  }
  return { kind: 'ok', args: { values: values as ArgValues<S>, positionals: given } };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** parseArgs' refusals, said for this command. */
function parseErrorMessage(name: string, spec: CommandSpec, err: unknown): string {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  const see = `see \`por-qbo ${name} --help\``;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted} for \`por-qbo ${name}\`; ${see}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}" for \`por-qbo ${name}\`; ${see}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0] ?? quoted;
      const key = flag.replace(/^-+/, '');
      const o = spec.options[key] ?? Object.entries(spec.options).find(([, v]) => v.short === key)?.[1];
      if (o?.type === 'boolean') return `option ${flag} takes no value; ${see}`;
      return `option ${flag} needs a value (${flag} ${o ? placeholder(o) : 'VALUE'}); ${see}`;
    }
    default:
      return `${e.message ?? String(err)}; ${see}`;
  }
}

function placeholder(o: OptionSpec): string {
  return o.value ?? (o.choices ? o.choices.join('|') : 'VALUE');
}

function optionTerm(key: string, o: OptionSpec): string {
  return o.type === 'boolean' ? `--${key}` : `--${key} ${placeholder(o)}`;
}

/** `Usage: por-qbo <name> ...` lines: the declared forms, else one generated from the options. */
export function usageLines(name: string, spec: CommandSpec): string[] {
  if (spec.usage?.length) return spec.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} por-qbo ${name} ${u}`.trimEnd());
  const parts = (spec.positionals ?? []).map((p) => {
    const label = p.choices ? p.choices.join('|') : p.name.toUpperCase();
    const text = p.variadic ? `${label}...` : label;
    return p.required ? text : `[${text}]`;
  });
  for (const [key, o] of Object.entries(spec.options)) parts.push(`[${optionTerm(key, o)}]${o.multiple ? '...' : ''}`);
  return [`Usage: por-qbo ${name} ${parts.join(' ')}`.trimEnd()];
}

/** The whole `--help` text of one command. */
export function helpText(name: string, spec: CommandSpec): string {
  const rows: [string, string][] = [];
  for (const p of spec.positionals ?? []) rows.push([p.name.toUpperCase(), p.description + (p.choices ? ` (${p.choices.join(', ')})` : '')]);
  for (const [key, o] of Object.entries(spec.options)) {
    const extra = [
      o.choices && !o.value?.includes('|') ? `one of ${o.choices.join(', ')}` : null,
      o.default !== undefined && o.type === 'string' ? `default ${o.default}` : null,
      o.multiple ? 'may be given more than once' : null,
    ].filter(Boolean);
    rows.push([`${o.short ? `-${o.short}, ` : ''}${optionTerm(key, o)}`, `${o.description}${extra.length ? ` (${extra.join('; ')})` : ''}`]);
  }
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.min(34, Math.max(...rows.map(([t]) => t.length)) + 2);
  const lines = [...usageLines(name, spec), '', spec.description ?? spec.summary, ''];
  if (spec.positionals?.length) lines.push('Arguments and options:');
  else lines.push('Options:');
  for (const [term, text] of rows) lines.push(term.length + 2 > width ? `  ${term}\n  ${' '.repeat(width)}${text}` : `  ${term.padEnd(width)}${text}`);
  const notes = typeof spec.notes === 'function' ? spec.notes() : spec.notes;
  if (notes) lines.push('', notes);
  return `${lines.join('\n')}\n`;
}

/**
 * A usage error: exit code 2. With --json the error is one JSON line on stdout (as every --json answer);
 * otherwise the message, the usage line and where the help is, on stderr.
 */
export function usageError(name: string, spec: CommandSpec, message: string, json = false): number {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message, problems: [] } })}\n`);
  } else {
    const seeHelp = message.includes('--help`') ? '' : `See \`por-qbo ${name} --help\`.\n`;
    process.stderr.write(`por-qbo ${name}: ${message}\n${usageLines(name, spec).join('\n')}\n${seeHelp}`);
  }
  return 2;
}
