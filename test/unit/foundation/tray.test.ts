import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SyncStateSchema, type SyncStatus } from '../../../preload/contract';
import { renderTray, trayIconFile } from '../../../main/core/tray/render-tray';

const ASSETS = fileURLToPath(new URL('../../../assets/tray', import.meta.url));
const base: SyncStatus = {
  environment: 'production',
  state: 'idle',
  message: 'All caught up',
  companyName: 'Burbank Rentals LLC',
  realmId: '9341',
  queued: 0,
  failed: 0,
  lastRunAt: null,
  nextRunAt: null,
  progress: null,
};

const commands = (s: SyncStatus) => renderTray(s).menu.flatMap((m) => (m.kind === 'command' ? [`${m.command}:${m.enabled ? 'on' : 'off'}`] : []));

describe('tray render', () => {
  it('has a distinct icon per state, present in assets at 16 and 32 px and as macOS templates', () => {
    const icons = SyncStateSchema.options.map((state) => renderTray({ ...base, state }).icon);
    expect(new Set(icons).size).toBe(SyncStateSchema.options.length);
    const bytes = new Set<string>();
    for (const icon of icons) {
      for (const platform of ['win32', 'darwin'] as const) {
        const file = trayIconFile(icon, platform);
        for (const name of [file, file.replace('.png', '@2x.png')]) {
          const path = join(ASSETS, name);
          expect(existsSync(path), path).toBe(true);
          const png = readFileSync(path);
          expect(png.subarray(1, 4).toString()).toBe('PNG');
          const width = png.readUInt32BE(16);
          expect(width).toBe(name.includes('@2x') ? 32 : 16);
          bytes.add(png.toString('base64'));
        }
      }
    }
    expect(bytes.size).toBe(icons.length * 4); // no two states share a picture
  });

  it('names the environment and company in the tooltip', () => {
    const view = renderTray(base);
    expect(view.tooltip).toContain('PRODUCTION');
    expect(view.tooltip).toContain('Burbank Rentals LLC');
    expect(view.tooltip.length).toBeLessThanOrEqual(127);
    expect(renderTray({ ...base, environment: 'practice' }).tooltip).toContain('PRACTICE');
  });

  it('offers Open, Sync now, Pause/Resume and Quit as the state allows', () => {
    expect(commands(base)).toEqual(['open:on', 'sync-now:on', 'pause:on', 'quit:on']);
    expect(commands({ ...base, state: 'paused' })).toEqual(['open:on', 'sync-now:off', 'resume:on', 'quit:on']);
    expect(commands({ ...base, state: 'syncing', progress: { done: 3, total: 10 } })).toEqual(['open:on', 'sync-now:off', 'pause:on', 'quit:on']);
    expect(commands({ ...base, state: 'disconnected' })).toEqual(['open:on', 'sync-now:off', 'pause:off', 'quit:on']);
  });

  it('shows progress while syncing and the queue otherwise', () => {
    expect(renderTray({ ...base, state: 'syncing', progress: { done: 3, total: 10 } }).tooltip).toContain('Syncing (3/10)');
    expect(renderTray({ ...base, state: 'attention', queued: 4, message: 'Account 4000-02 is not mapped' }).tooltip).toMatch(/4 waiting[\s\S]*4000-02/);
  });
});
