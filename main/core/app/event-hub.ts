import { events, type EventChannel, type EventOf } from '../../../preload/contract';

type Listener = (event: EventChannel, payload: unknown) => void;

/**
 * Core -> adapters: the Electron IPC sender, the tray and the harness's event stream all subscribe here.
 * Every event is checked against its contract schema before it leaves (a bug must not hand the renderer
 * a shape it does not expect, nor fields the schema does not name): an invalid one is dropped and reported.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly onInvalid: (event: EventChannel, problem: string) => void = () => {}) {}

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      this.onInvalid(event, `${issue?.path.join('.') || '(event)'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    for (const listener of [...this.listeners]) listener(event, checked.data);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
