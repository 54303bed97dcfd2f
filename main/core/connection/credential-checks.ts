/**
 * Checks the four values POR users paste from Intuit's OAuth Playground, with a message per field
 * that says what is wrong and where to find the right value. Harmless copy noise (surrounding spaces
 * or quotes, spaces inside the Company ID as QBO displays it) is removed rather than refused.
 */
export interface PastedCredentials {
  clientId: string;
  clientSecret: string;
  realmId: string;
  refreshToken: string;
}

export type CredentialField = keyof PastedCredentials;

export interface CredentialProblem {
  field: CredentialField;
  /** The label people see ("Client ID", "Realm ID", ...). */
  label: string;
  message: string;
}

export const CREDENTIAL_LABELS: Record<CredentialField, string> = {
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  realmId: 'Realm ID',
  refreshToken: 'Refresh Token',
};

export type CredentialCheck = { ok: true; value: PastedCredentials } | { ok: false; problems: CredentialProblem[] };

const KEY_CHARS = /^[A-Za-z0-9_-]+$/;

export function checkPastedCredentials(input: Partial<Record<CredentialField, unknown>>): CredentialCheck {
  const problems: CredentialProblem[] = [];
  const problem = (field: CredentialField, message: string) =>
    problems.push({ field, label: CREDENTIAL_LABELS[field], message: `${CREDENTIAL_LABELS[field]}: ${message}` });
  const value = {
    clientId: clean(input.clientId),
    clientSecret: clean(input.clientSecret),
    realmId: clean(input.realmId).replace(/[\s-]/g, ''),
    refreshToken: clean(input.refreshToken).replace(/^Bearer\s+/i, ''),
  };

  if (!value.clientId) problem('clientId', "missing. Copy it from your Intuit app's Keys & credentials page.");
  else if (/\s/.test(value.clientId)) problem('clientId', 'contains spaces or line breaks; paste only the ID.');
  else if (!KEY_CHARS.test(value.clientId)) problem('clientId', 'may only contain letters and digits.');
  else if (value.clientId.length < 8 || value.clientId.length > 128)
    problem('clientId', `is ${value.clientId.length} characters long; Intuit Client IDs are about 50.`);

  if (!value.clientSecret) problem('clientSecret', "missing. Copy it from your Intuit app's Keys & credentials page.");
  else if (/\s/.test(value.clientSecret)) problem('clientSecret', 'contains spaces or line breaks; paste only the secret.');
  else if (!KEY_CHARS.test(value.clientSecret)) problem('clientSecret', 'may only contain letters and digits.');
  else if (value.clientSecret.length < 8 || value.clientSecret.length > 128)
    problem('clientSecret', `is ${value.clientSecret.length} characters long; Intuit Client Secrets are about 40.`);
  else if (value.clientSecret === value.clientId) problem('clientSecret', 'is the same as the Client ID; paste the secret shown below the ID.');

  if (!value.realmId)
    problem(
      'realmId',
      'missing. It is the Company ID (Realm ID) shown in the OAuth Playground or in QuickBooks under Settings > Account and settings > Billing & subscription.',
    );
  else if (!/^\d+$/.test(value.realmId)) problem('realmId', 'is a number (the Company ID), e.g. 9130 3564 6543 2109; it contains other characters.');
  else if (value.realmId.length < 4 || value.realmId.length > 20) problem('realmId', `has ${value.realmId.length} digits; Company IDs have about 9 to 19.`);

  if (!value.refreshToken) problem('refreshToken', 'missing. Copy the Refresh Token from step 2 of the OAuth Playground (not the Access Token).');
  else if (/\s/.test(value.refreshToken)) problem('refreshToken', 'contains spaces or line breaks; paste the token as one piece.');
  else if (/^eyJ/.test(value.refreshToken) || value.refreshToken.split('.').length === 3 || value.refreshToken.length > 1024) {
    problem('refreshToken', 'looks like an Access Token. Paste the Refresh Token instead (the shorter one in the OAuth Playground).');
  } else if (!/^[\x21-\x7e]+$/.test(value.refreshToken)) problem('refreshToken', 'contains characters a refresh token never has; paste it again.');
  else if (value.refreshToken.length < 16) problem('refreshToken', `is only ${value.refreshToken.length} characters; refresh tokens are about 50.`);
  else if (value.refreshToken === value.clientId || value.refreshToken === value.clientSecret)
    problem('refreshToken', 'is the same as the Client ID or Secret; paste the Refresh Token.');

  return problems.length ? { ok: false, problems } : { ok: true, value };
}

function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  let text = value.trim();
  // Pasted from JSON or a shell line: "value" or 'value'.
  const quoted = /^(["'`])(.*)\1$/s.exec(text);
  if (quoted) text = quoted[2]!.trim();
  return text;
}
