import { profileOf } from '../../environment-profile';
import type { Handlers } from '../../../../preload/contract';
import { isAllowedExternalUrl } from '../../security/external-links';
import type { AppContext } from '../app-context';
import { AppError } from '../../app-error';
import { revisionsWaiting } from '../views/revision-view';
import { historyRowOf, queryHistory } from '../views/history-view';
import { qboTransactionUrl } from '../views/qbo-links';

const MAX_DETAIL = 400;
/** Already shown elsewhere in the dialog, or noise to a person. */
const HIDDEN_DETAIL = new Set(['idempotencyKey', 'documentKeys', 'kind', 'owner']);

/** An audit row's detail as short "key: value" text for people. */
export function auditDetailText(detail: unknown): string | null {
  if (detail == null) return null;
  if (typeof detail !== 'object') return String(detail);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail as Record<string, unknown>)) {
    if (HIDDEN_DETAIL.has(key) || value == null || value === '') continue;
    if (key === 'error' && typeof value === 'object') {
      const e = value as { message?: string; qboCode?: string | null; intuitTid?: string | null };
      parts.push(`error: ${e.message ?? ''}${e.qboCode ? ` (code ${e.qboCode})` : ''}${e.intuitTid ? ` intuit_tid ${e.intuitTid}` : ''}`);
      continue;
    }
    parts.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  const text = parts.join(' · ');
  if (!text) return null;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

export function historyHandlers(ctx: AppContext): Pick<Handlers, 'history:list' | 'history:detail' | 'history:open-in-qbo'> {
  const job = async (jobId: number) => {
    const s = await ctx.sessions.current();
    const row = s.ledger.outbox.get(jobId);
    if (!row) throw new AppError('not-found', `There is no export #${jobId} in ${s.environment}.`);
    return { s, row };
  };
  return {
    'history:list': async (query) => {
      const s = await ctx.sessions.current();
      return queryHistory(s.ledger, query);
    },
    'history:detail': async ({ jobId }) => {
      const { s, row } = await job(jobId);
      const audit = s.ledger.history.query({ subjectKind: 'job', subjectKey: `job:${jobId}` }, { limit: 200 }).rows.reverse();
      return {
        row: historyRowOf(row, s.environment),
        qboUrl: qboTransactionUrl(s.environment, row.kind, row.qboId),
        documents: row.documentKeys,
        revisions: revisionsWaiting(s.ledger)
          .filter((r) => row.documentKeys.some((k) => k === r.key || k.startsWith(`${r.key}#`)))
          .map((r) => r.key),
        audit: audit.map((a) => ({ at: a.at, actor: a.actor, action: a.action, from: a.from, to: a.to, detail: auditDetailText(a.detail) })),
      };
    },
    'history:open-in-qbo': async ({ jobId }) => {
      const { s, row } = await job(jobId);
      if (!row.qboId) return { opened: false, url: null, message: 'This export is not in QuickBooks.' };
      if (profileOf(s.environment).embeddedSimulator) {
        return {
          opened: false,
          url: null,
          message: `The practice company lives inside this app and has no QuickBooks web page. This ${row.kind} is Id ${row.qboId} there.`,
        };
      }
      const url = qboTransactionUrl(s.environment, row.kind, row.qboId);
      // Checked here and again by the host before the system browser sees it.
      if (!url || !isAllowedExternalUrl(url)) return { opened: false, url: null, message: 'QuickBooks has no web page for this kind of entry.' };
      const opened = await ctx.capabilities.openExternal(url);
      return { opened, url, message: opened ? 'Opened in your browser.' : 'The browser could not be opened.' };
    },
  };
}
