/**
 * The renderer's typed client over the raw bridge (preload in Electron, loopback HTTP in the harness).
 * Errors from main arrive as envelopes and become BridgeCallError with a kind, a code and a plain message.
 */
import { BRIDGE_GLOBAL, type Bridge, type EventChannel, type EventOf, type RequestChannel, type RequestOf, type ResponseOf } from '../../../preload/contract';
import type { EnvelopeError, RawBridge } from '../../../preload/raw-bridge';

export class BridgeCallError extends Error {
  /** What the person can do about it (main/core/app-error.ts ERROR_KINDS): screens switch on this, never on the words. */
  readonly kind: string;
  readonly code: string;
  readonly fix: string | null;

  constructor(error: EnvelopeError) {
    super(error.message);
    this.name = 'BridgeCallError';
    this.kind = error.kind;
    this.code = error.code;
    this.fix = error.fix ?? null;
  }
}

export function createClient(raw: RawBridge): Bridge {
  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const envelope = await raw.invoke(channel, request);
      if (!envelope.ok) throw new BridgeCallError(envelope.error);
      return envelope.value as ResponseOf<C>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      return raw.on(event, (payload) => listener(payload as EventOf<E>));
    },
  };
}

let client: Bridge | null = null;
export function bridge(): Bridge {
  if (!client) {
    const raw = (globalThis as unknown as Record<string, RawBridge | undefined>)[BRIDGE_GLOBAL];
    if (!raw) throw new Error('The app bridge is missing: open the app from POR QBO Companion, not a browser.');
    client = createClient(raw);
  }
  return client;
}
