/**
 * Which URLs the app may hand to the system browser. Only parsed https URLs on hosts we know
 * (Intuit's sign-in and QuickBooks web apps, our help pages): a compromised renderer must not be able
 * to launch arbitrary protocols or programs through shell.openExternal.
 */
export const EXTERNAL_HOST_ALLOW_LIST = [
  'appcenter.intuit.com',
  'app.qbo.intuit.com',
  'app.sandbox.qbo.intuit.com',
  'qbo.intuit.com',
  'developer.intuit.com',
  'quickbooks.intuit.com',
  'accounts.intuit.com',
  'pointofrental.com',
] as const;

export function isAllowedExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  if (url.port && url.port !== '443') return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_HOST_ALLOW_LIST.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
