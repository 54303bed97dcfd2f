/**
 * The one parser: every command's help, values and usage errors come from its declaration in the
 * command table, so these hold for every command at once.
 */
import { describe, expect, it } from 'vitest';
import { helpText, parseCommand, usageLines, type CommandSpec } from '../../../main/core/cli/cli-args';
import { SPECS } from '../../../main/core/cli/command-table';

const spec = {
  summary: 'A test command',
  positionals: [
    { name: 'action', description: 'What to do', choices: ['list', 'add'] },
    { name: 'store', description: 'Store number' },
  ],
  options: {
    days: { type: 'string', value: 'N', integer: [1, 366], default: '7', description: 'Days' },
    mode: { type: 'string', choices: ['batch', 'realtime'], description: 'Mode' },
    from: { type: 'string', value: 'YYYY-MM-DD', date: true, description: 'First day' },
    set: { type: 'string', value: 'POR=QBO', multiple: true, description: 'Map one' },
    json: { type: 'boolean', default: false, description: 'JSON' },
  },
} as const satisfies CommandSpec;

describe('parseCommand', () => {
  it('gives typed values: defaults, whole numbers as numbers, repeated options as lists', () => {
    const r = parseCommand('t', spec, ['add', '3', '--days', '30', '--mode', 'batch', '--set', 'a=b', '--set', 'c=d', '--from', '2026-03-02']);
    expect(r).toEqual({
      kind: 'ok',
      args: { positionals: ['add', '3'], values: { days: 30, mode: 'batch', set: ['a=b', 'c=d'], from: '2026-03-02', json: false } },
    });
    const d = parseCommand('t', spec, []);
    expect(d.kind === 'ok' && d.args.values.days).toBe(7);
  });

  it('--help or -h anywhere wins, even over an error', () => {
    expect(parseCommand('t', spec, ['--bogus', '-h'])).toEqual({ kind: 'help' });
    expect(parseCommand('t', spec, ['list', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommand('t', spec, ['--', '--help']).kind).not.toBe('help');
  });

  it.each([
    [['--bogus'], 'unknown option --bogus for `por-qbo t`; see `por-qbo t --help`'],
    [['--days'], 'option --days needs a value (--days N); see `por-qbo t --help`'],
    [['--json=yes'], 'option --json takes no value; see `por-qbo t --help`'],
    [['--days', 'seven'], '--days must be a whole number from 1 to 366; got "seven"'],
    [['--days', '0'], '--days must be a whole number from 1 to 366; got "0"'],
    [['--mode', 'weekly'], '--mode must be one of batch, realtime; got "weekly"'],
    [['--from', '2026-13-45'], '--from must be a date like 2026-03-14; got "2026-13-45"'],
    [['remove'], 'ACTION must be one of list, add; got "remove"'],
    [['list', '1', 'extra'], 'unexpected argument "extra" for `por-qbo t`; see `por-qbo t --help`'],
  ])('%j is refused: %s', (argv, message) => {
    const r = parseCommand('t', spec, argv);
    expect(r).toMatchObject({ kind: 'error', message });
  });

  it('a value error under --json is answered in JSON; a parse error cannot know it was asked', () => {
    expect(parseCommand('t', spec, ['--mode', 'x', '--json'])).toMatchObject({ kind: 'error', json: true });
    expect(parseCommand('t', spec, ['--bogus', '--json'])).toMatchObject({ kind: 'error', json: false });
  });

  it('a command without positionals refuses one, naming the command', () => {
    expect(parseCommand('sync', SPECS.sync, ['now'])).toMatchObject({
      kind: 'error',
      message: 'unexpected argument "now" for `por-qbo sync`; see `por-qbo sync --help`',
    });
  });
});

describe('help and usage derive from the declaration', () => {
  it('generates the usage line from arguments and options', () => {
    expect(usageLines('t', spec)).toEqual([
      'Usage: por-qbo t [list|add] [STORE] [--days N] [--mode batch|realtime] [--from YYYY-MM-DD] [--set POR=QBO]... [--json]',
    ]);
  });

  it.each(Object.keys(SPECS))('%s --help names every argument and option with its description', (name) => {
    const s: CommandSpec = SPECS[name as keyof typeof SPECS];
    const text = helpText(name, s);
    expect(text).toMatch(new RegExp(`^Usage: por-qbo ${name}\\b`));
    expect(text).toContain('-h, --help');
    for (const [key, o] of Object.entries(s.options)) {
      expect(text).toContain(`--${key}`);
      expect(text).toContain(o.description.slice(0, 30));
    }
    for (const p of s.positionals ?? []) expect(text).toContain(p.name.toUpperCase());
    expect(parseCommand(name, s, ['--help'])).toEqual({ kind: 'help' });
  });
});
