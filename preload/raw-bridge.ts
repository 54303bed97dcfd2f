/**
 * What crosses the context bridge: envelopes, untyped at runtime. The renderer's typed client
 * (renderer/src/bridge/client.ts) wraps it; the browser harness implements it over loopback HTTP.
 */
import type { EventChannel, RequestChannel } from './contract';

export type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export interface RawBridge {
  invoke(channel: RequestChannel, request: unknown): Promise<Envelope>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
}
