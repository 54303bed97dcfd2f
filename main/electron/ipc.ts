/**
 * Raw ipcMain lives only here. Handlers are registered per contract channel through one typed helper
 * that drops messages from any webContents we did not create; the core's dispatch validates every
 * payload and logs what fails.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { REQUEST_CHANNELS, type EventChannel } from '../../preload/contract';
import type { Envelope } from '../../preload/raw-bridge';
import { isAllowedNavigation } from '../core/security/window-policy';

export class TrustedSenders {
  private readonly ids = new Set<number>();

  add(contents: WebContents): void {
    this.ids.add(contents.id);
    contents.once('destroyed', () => this.ids.delete(contents.id));
  }

  isTrusted(event: IpcMainInvokeEvent): boolean {
    // Both the webContents and the frame must be ours: a navigated or embedded frame is not.
    const frameUrl = event.senderFrame?.url ?? '';
    return this.ids.has(event.sender.id) && isAllowedNavigation(frameUrl);
  }

  all(): number[] {
    return [...this.ids];
  }
}

export function registerIpcHandlers(dispatch: (channel: unknown, payload: unknown) => Promise<Envelope>, trusted: TrustedSenders): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope> => {
      if (!trusted.isTrusted(event)) {
        return { ok: false, error: { kind: 'refused', code: 'untrusted-sender', message: 'Request refused.' } };
      }
      return dispatch(channel, payload);
    });
  }
  return () => REQUEST_CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards core events (relayed from its worker) to every window we created. */
export function forwardEvents(subscribe: (listener: (event: EventChannel, payload: unknown) => void) => () => void, windows: () => WebContents[]): () => void {
  return subscribe((event, payload) => {
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(event, payload);
    }
  });
}
