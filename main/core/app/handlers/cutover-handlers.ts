/**
 * The go-live checklist is about production, whichever environment is open: checks the app verifies
 * itself, confirmations only a person can give, what is held while production is not ready, and the
 * replay. Replay itself runs only with Production open, so the live connection sends it.
 */
import type { CutoverView, Handlers } from '../../../../preload/contract';
import { getConnectionStatus } from '../../connection/connection-status';
import { PERSON_CHECKS, evaluateCutover, type CheckItem, type PersonCheckId } from '../../cutover/cutover-checklist';
import { heldJobs, isCutoverHold, setConfirmation } from '../../cutover/cutover-gate';
import { gatherCutoverFacts } from '../../session/cutover-facts';
import { openLedger, type Ledger } from '../../ledger';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { historyRowOf } from '../views/history-view';

const CONFIRMED_AT_KEY = 'ui.cutoverConfirmedAt';

/** The production ledger: the open one when Production is current, else opened just for this call. */
async function withProduction<T>(ctx: AppContext, fn: (ledger: Ledger) => Promise<T> | T): Promise<T> {
  const session = await ctx.sessions.current();
  if (session.environment === 'production') return fn(session.ledger);
  const ledger = openLedger(ctx.dataDir, 'production', { recover: false, actor: 'app' });
  try {
    return await fn(ledger);
  } finally {
    ledger.close();
  }
}

const STATE: Record<CheckItem['state'], 'pass' | 'fail' | 'pending'> = { ok: 'pass', todo: 'fail', warning: 'pending', confirmed: 'pass', unconfirmed: 'fail' };

async function cutoverView(ctx: AppContext): Promise<CutoverView> {
  const session = await ctx.sessions.current();
  return withProduction(ctx, async (ledger) => {
    const connection = await getConnectionStatus('production', { dataDir: ctx.dataDir, secrets: ctx.secrets });
    const checklist = evaluateCutover(
      gatherCutoverFacts({
        dataDir: ctx.dataDir,
        environment: 'production',
        ledger,
        connection,
        accounts: ledger.reference.snapshot('Account') ? ledger.reference.list('Account') : null,
        classes: ledger.reference.snapshot('Class') ? ledger.reference.list('Class') : null,
        syncServicesOn: ctx.settings.get('syncServicesOn'),
      }),
    );
    const confirmedAt = (ledger.settings.get(CONFIRMED_AT_KEY) ?? {}) as Record<string, string>;
    const held = heldJobs(ledger, 100_000).filter(isCutoverHold);
    const replay = ctx.runs.replayState(session.environment);
    return {
      ready: checklist.readyToSend && connection.state === 'connected',
      checks: checklist.items
        .filter((i) => i.automatic)
        .map((i) => ({
          id: i.id,
          label: i.label,
          state: STATE[i.state],
          detail: i.detail,
          fix: i.state === 'ok' ? null : i.gate ? 'Until this passes, production exports are held (nothing is lost).' : null,
        })),
      confirmations: checklist.items
        .filter((i) => !i.automatic)
        .map((i) => ({ id: i.id, label: i.label, detail: i.detail, confirmedAt: i.state === 'confirmed' ? (confirmedAt[i.id] ?? 'confirmed') : null })),
      held: {
        count: held.length,
        amountCents: held.reduce((n, j) => n + j.amountCents, 0),
        rows: held.slice(0, 200).map((j) => {
          const row = historyRowOf(j, 'production');
          return { jobId: j.id, title: row.title, store: j.store, businessDate: row.businessDate, amountCents: j.amountCents, reason: j.holdReason };
        }),
      },
      replay,
    };
  });
}

export function cutoverHandlers(ctx: AppContext): Pick<Handlers, 'cutover:get' | 'cutover:confirm' | 'cutover:replay'> {
  return {
    'cutover:get': () => cutoverView(ctx),
    'cutover:confirm': async ({ id, confirmed }) => {
      if (!(PERSON_CHECKS as readonly string[]).includes(id))
        throw new AppError('invalid-input', 'That step is checked by the app, not confirmed by a person.', { code: 'unknown-confirmation' });
      await withProduction(ctx, (ledger) => {
        ledger.transaction(() => {
          setConfirmation(ledger, id as PersonCheckId, confirmed);
          const at = { ...((ledger.settings.get(CONFIRMED_AT_KEY) ?? {}) as Record<string, string>) };
          if (confirmed) at[id] = new Date().toISOString();
          else delete at[id];
          ledger.settings.set(CONFIRMED_AT_KEY, at);
        });
      });
      ctx.changed('cutover');
      const session = await ctx.sessions.current();
      if (session.profile.realBooks) session.trigger();
      return cutoverView(ctx);
    },
    'cutover:replay': async () => {
      const session = await ctx.sessions.current();
      if (!session.profile.realBooks) {
        throw new AppError('refused', 'Switch to Production to send the held exports: they go out through the production connection.', {
          code: 'not-production',
        });
      }
      await ctx.runs.replayHeld(session);
      return cutoverView(ctx);
    },
  };
}
