/**
 * The renderer's typed client over the raw bridge (preload in Electron, loopback HTTP in the harness).
 * Errors from main arrive as envelopes and become BridgeCallError with a code and a plain message.
 */
import { BRIDGE_GLOBAL, type Bridge, type EventChannel, type EventOf, type RequestChannel, type RequestOf, type ResponseOf } from '../../../preload/contract';
import type { RawBridge } from '../../../preload/raw-bridge';

export class BridgeCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

export function createClient(raw: RawBridge): Bridge {
  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const envelope = await raw.invoke(channel, request);
      if (!envelope.ok) throw new BridgeCallError(envelope.error.code, envelope.error.message);
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
