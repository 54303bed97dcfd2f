/**
 * The one place a request from the renderer (IPC or the browser harness) is checked and served:
 * unknown channels and invalid payloads are refused before any handler runs, and every outcome
 * crosses the bridge as an envelope, so errors keep their code and plain message.
 */
import { isRequestChannel, requests, type Handlers, type RequestChannel } from '../../../preload/contract';
import type { Envelope } from '../../../preload/raw-bridge';

/** An error whose message is fit to show to a person; anything else is reported generically. */
export class UserFacingError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export async function dispatchRequest(handlers: Handlers, channel: unknown, payload: unknown): Promise<Envelope> {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `No such request: ${String(channel).slice(0, 60)}` } };
  }
  const spec = requests[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'invalid-request', message: `Invalid ${channel} request${where}: ${issue?.message ?? 'bad payload'}` } };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    // Responses are checked too: a handler bug must not hand the UI a shape it does not expect.
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      return { ok: false, error: { code: 'internal', message: `The app produced an invalid ${channel} response.` } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof UserFacingError) return { ok: false, error: { code: err.code, message: err.message } };
    // Unknown errors may carry details (paths, tokens); never forward their text.
    return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. Details are in the log.' } };
  }
}

export type { Envelope, RequestChannel };
