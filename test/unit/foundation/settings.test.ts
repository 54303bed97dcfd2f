import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../../../main/core/settings/settings-store';
import { SETTINGS_DEFAULTS } from '../../../main/core/settings/settings-schema';
import { resolveDataDir } from '../../../main/core/data-dir';
import { makeTempDir } from '../../helpers/temp-dir';

describe('settings (same JSON schema as electron-store)', () => {
  it('starts from defaults and persists changes to a JSON file in the data folder', () => {
    const dir = makeTempDir();
    const s = openSettings(dir.path);
    expect(s.all()).toEqual(SETTINGS_DEFAULTS);
    s.set('environment', 'sandbox');
    s.set('syncServicesOn', true);
    expect(s.path.startsWith(dir.path)).toBe(true);
    expect(JSON.parse(readFileSync(s.path, 'utf8'))).toMatchObject({ environment: 'sandbox', syncServicesOn: true });
    expect(openSettings(dir.path).get('environment')).toBe('sandbox');
    dir.remove();
  });
  it('refuses values outside the schema', () => {
    const dir = makeTempDir();
    const s = openSettings(dir.path);
    expect(() => s.set('environment', 'staging' as never)).toThrow(/environment/);
    dir.remove();
  });
  it('refuses a hand-edited file that breaks the schema instead of silently resetting it', () => {
    const dir = makeTempDir();
    const s = openSettings(dir.path);
    s.set('environment', 'production');
    writeFileSync(s.path, JSON.stringify({ environment: 42 }));
    expect(() => openSettings(dir.path)).toThrow();
    dir.remove();
  });
  it('PORQBO_DATA_DIR picks the data folder', () => {
    const dir = makeTempDir();
    expect(resolveDataDir('/should/not/use', { PORQBO_DATA_DIR: `${dir.path}/x` })).toBe(`${dir.path}/x`);
    dir.remove();
  });
});
