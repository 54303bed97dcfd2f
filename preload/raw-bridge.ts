/**
 * What crosses the context bridge: envelopes, untyped at runtime. The renderer's typed client
 * (renderer/src/bridge/client.ts) wraps it; the browser harness implements it over loopback HTTP.
 */
import type { EventChannel, RequestChannel } from './contract';

/** An error as it crosses: `kind` is what the UI switches on (main/core/app-error.ts lists the kinds). */
export interface EnvelopeError {
  kind: string;
  code: string;
  message: string;
  fix?: string | null;
  qboCode?: string | null;
  intuitTid?: string | null;
}

export type Envelope = { ok: true; value: unknown } | { ok: false; error: EnvelopeError };

export interface RawBridge {
  invoke(channel: RequestChannel, request: unknown): Promise<Envelope>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
}
