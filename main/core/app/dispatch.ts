/**
 * The one place a request from the renderer (IPC or the browser harness) is checked and served:
 * unknown channels and invalid payloads are refused before any handler runs, and every outcome
 * crosses the bridge as an envelope, so errors keep their code and plain message. A failure nobody
 * planned for is written to the log (scrubbed, with its stack) and the person is told what failed,
 * what to do, and where that log is.
 */
import { isRequestChannel, requests, type Handlers, type RequestChannel } from '../../../preload/contract';
import type { Envelope } from '../../../preload/raw-bridge';
import { AppError } from '../app-error';
import { appErrorOf } from '../use-cases/app-error-of';
import { logUnknownError } from '../log/file-log';
import type { QboLogger } from '../qbo/qbo-log';
import { describeChannel } from './channel-actions';

/** Where failures are written: a logger that knows its file (the app's FileLog). */
export type DispatchLog = QboLogger & { readonly path: string };

export async function dispatchRequest(handlers: Handlers, channel: unknown, payload: unknown, log?: DispatchLog | null): Promise<Envelope> {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: new AppError('invalid-input', `No such request: ${String(channel).slice(0, 60)}`, { code: 'unknown-channel' }).toJSON() };
  }
  const spec = requests[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      error: new AppError('invalid-input', `Invalid ${channel} request${where}: ${issue?.message ?? 'bad payload'}`, { code: 'invalid-request' }).toJSON(),
    };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    // Responses are checked too: a handler bug must not hand the UI a shape it does not expect.
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      log?.({
        level: 'error',
        event: 'app.invalid-response',
        message: `${channel} returned ${issue?.message ?? 'an invalid shape'}`,
        channel,
        at: issue?.path.join('.') ?? '',
      });
      return { ok: false, error: new AppError('internal', unexpectedMessage(channel, log)).toJSON() };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    const known = appErrorOf(err);
    if (known && known.kind !== 'internal') {
      // Shown as is; logged too, so the log tells the whole story of what the person saw.
      log?.({ level: 'warn', event: 'app.request-refused', message: known.message, channel, code: known.code, kind: known.kind });
      return { ok: false, error: known.toJSON() };
    }
    // Unknown errors may carry details (paths, tokens): never forwarded, written scrubbed to the log.
    if (log) logUnknownError(log, 'app.request-failed', err, { channel });
    return { ok: false, error: new AppError('internal', unexpectedMessage(channel, log)).toJSON() };
  }
}

/** What failed (the action, in words), what to do, and where the details are. */
export function unexpectedMessage(channel: RequestChannel, log?: DispatchLog | null): string {
  const where = log ? `the details are in the log: ${log.path}` : "the details are in the app's log (Settings → Log)";
  return `Something unexpected went wrong while ${describeChannel(channel)}. Try again; if it happens again, ${where}`;
}

export type { Envelope, RequestChannel };
