/** Applies the pure tray render to Electron's Tray. */
import { Menu, Tray, nativeImage } from 'electron';
import { join } from 'node:path';
import type { SyncStatus } from '../../preload/contract';
import { renderTray, trayIconFile, type TrayCommand } from '../core/tray/render-tray';

export class AppTray {
  private readonly tray: Tray;

  constructor(
    private readonly assetsDir: string,
    status: SyncStatus,
    private readonly onCommand: (command: TrayCommand) => void,
  ) {
    this.tray = new Tray(this.image(renderTray(status).icon));
    this.tray.on('click', () => onCommand('open'));
    this.update(status);
  }

  update(status: SyncStatus): void {
    const view = renderTray(status);
    this.tray.setImage(this.image(view.icon));
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        view.menu.map((item) => {
          if (item.kind === 'separator') return { type: 'separator' as const };
          if (item.kind === 'label') return { label: item.label, enabled: false };
          return { label: item.label, enabled: item.enabled, click: () => this.onCommand(item.command) };
        }),
      ),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(icon: Parameters<typeof trayIconFile>[0]) {
    // nativeImage picks up the @2x file next to it for high-DPI screens.
    const image = nativeImage.createFromPath(join(this.assetsDir, 'tray', trayIconFile(icon, process.platform)));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
}
