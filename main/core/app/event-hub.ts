import type { EventChannel, EventOf } from '../../../preload/contract';

type Listener = (event: EventChannel, payload: unknown) => void;

/** Core -> adapters: the Electron IPC sender, the tray and the harness's event stream all subscribe here. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
