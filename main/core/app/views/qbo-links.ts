/**
 * The QuickBooks web address of a posted transaction. Sandbox and production companies live on
 * different hosts; the practice company has no web app, so it has no address.
 */
import type { Environment } from '../../environment';
import { profileOf } from '../../environment-profile';

/** QBO's own page names per entity (the web app routes by transaction type). */
const PAGES: Record<string, string> = {
  JournalEntry: 'journal',
  Invoice: 'invoice',
  CreditMemo: 'creditmemo',
  Deposit: 'deposit',
  Payment: 'recvpayment',
  Customer: 'customerdetail',
  Class: 'class',
  Item: 'items',
};

export function qboTransactionUrl(environment: Environment, entity: string, qboId: string | null): string | null {
  const host = profileOf(environment).webAppHost;
  if (!host || !qboId || !/^[0-9A-Za-z-]{1,40}$/.test(qboId)) return null;
  const page = PAGES[entity];
  if (!page) return null;
  if (entity === 'Customer') return `${host}/app/customerdetail?nameId=${encodeURIComponent(qboId)}`;
  if (entity === 'Class' || entity === 'Item') return `${host}/app/${page}`;
  return `${host}/app/${page}?txnId=${encodeURIComponent(qboId)}`;
}
