/**
 * Sending undone days again and retrying failures in one go (use cases in ../../use-cases): the handlers
 * turn the results into one sentence.
 */
import type { BulkResult, Handlers } from '../../../../preload/contract';
import { asAppError } from '../../use-cases/app-error-of';
import { resendUndoneRange } from '../../use-cases/resend-undone';
import type { AppContext } from '../app-context';

export function resendHandlers(ctx: AppContext): Pick<Handlers, 'exports:resend-undone' | 'exports:retry-many'> {
  return {
    'exports:resend-undone': async ({ from, to, store }) => {
      const session = await ctx.sessions.current();
      try {
        const { entries, holdReason, drain } = await resendUndoneRange(session, { from, to, store });
        const posted = entries.filter((j) => j.status === 'posted').length;
        const failed = entries.filter((j) => j.status === 'failed').length;
        const sent = entries.length;
        const message = holdReason
          ? `${sent} ${sent === 1 ? 'entry is' : 'entries are'} ready and held until production is ready: ${holdReason}`
          : drain?.stopped
            ? `${drain.stopped.message}${drain.stopped.fix ? ` ${drain.stopped.fix}` : ''}`
            : `Sent again: ${posted} ${posted === 1 ? 'entry' : 'entries'} posted${failed ? `, ${failed} failed (see the dashboard)` : ''}.`;
        return { sent, posted, failed, message } satisfies BulkResult;
      } catch (err) {
        throw asAppError(err, 'the undone entries');
      } finally {
        ctx.changed('jobs', 'documents');
      }
    },
    'exports:retry-many': async ({ jobIds }) => {
      const session = await ctx.sessions.current();
      let posted = 0;
      let failed = 0;
      let first: string | null = null;
      for (const id of jobIds) {
        try {
          const row = await ctx.runs.retry(session, id);
          if (row.status === 'posted') posted++;
          else if (row.status === 'failed') {
            failed++;
            first ??= row.error?.message ?? null;
          }
        } catch (err) {
          failed++;
          first ??= err instanceof Error ? err.message : String(err);
        }
      }
      ctx.changed('jobs');
      const message = failed
        ? `${posted} of ${jobIds.length} sent; ${failed} failed again${first ? `: ${first}` : ''}`
        : `All ${jobIds.length} sent again: ${posted} posted.`;
      return { sent: jobIds.length, posted, failed, message };
    },
  };
}
