/**
 * Proves no secret leaked into files, logs or IPC payloads. Each secret is looked for as is and in the
 * encodings it could travel in (URL-encoded, base64 incl. the Basic auth pair, JSON-escaped).
 */
export interface Haystack {
  /** Where the text came from (a file path, "log", "ipc:connection-status"); named in the failure. */
  name: string;
  text: string | Buffer;
}

export interface SecretLeak {
  haystack: string;
  secretIndex: number;
  form: string;
}

/** Secrets shorter than this are too generic to search for (they would match ordinary text). */
const MIN_SECRET_LENGTH = 8;

export function findSecretLeaks(haystacks: Haystack[], secrets: (string | null | undefined)[]): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  const forms = secrets.map((secret, index) => ({ index, forms: secret && secret.length >= MIN_SECRET_LENGTH ? encodings(secret) : [] }));
  const pairs = basicAuthPairs(secrets);
  for (const haystack of haystacks) {
    const text = typeof haystack.text === 'string' ? haystack.text : haystack.text.toString('latin1');
    for (const { index, forms: list } of forms) {
      for (const { form, value } of list) {
        if (text.includes(value)) {
          leaks.push({ haystack: haystack.name, secretIndex: index, form });
          break;
        }
      }
    }
    for (const pair of pairs) if (text.includes(pair)) leaks.push({ haystack: haystack.name, secretIndex: -1, form: 'basic-auth' });
  }
  return leaks;
}

/** Throws naming the haystack and which secret (by index, never its value) leaked. */
export function assertNoSecrets(haystacks: Haystack[], secrets: (string | null | undefined)[]): void {
  const usable = secrets.filter((s) => s && s.length >= MIN_SECRET_LENGTH);
  if (usable.length === 0) throw new Error('assertNoSecrets: no secret long enough to search for (a check that cannot fail)');
  if (haystacks.length === 0) throw new Error('assertNoSecrets: nothing to search (a check that cannot fail)');
  const leaks = findSecretLeaks(haystacks, secrets);
  if (leaks.length > 0) {
    const list = leaks.map((l) => `secret #${l.secretIndex} (${l.form}) in ${l.haystack}`).join('; ');
    throw new Error(`Secret leaked: ${list}`);
  }
}

function encodings(secret: string): { form: string; value: string }[] {
  const list = [
    { form: 'plain', value: secret },
    { form: 'url-encoded', value: encodeURIComponent(secret) },
    { form: 'json-escaped', value: JSON.stringify(secret).slice(1, -1) },
    { form: 'base64', value: Buffer.from(secret).toString('base64').replace(/=+$/, '') },
    { form: 'utf16le', value: Buffer.from(secret, 'utf16le').toString('latin1') },
  ];
  // A prefix still identifies a token; catches truncated copies in log lines.
  if (secret.length >= 24) list.push({ form: 'prefix', value: secret.slice(0, 16) });
  return list;
}

function basicAuthPairs(secrets: (string | null | undefined)[]): string[] {
  const real = secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH);
  const pairs: string[] = [];
  for (const a of real) for (const b of real) if (a !== b) pairs.push(Buffer.from(`${a}:${b}`).toString('base64').slice(0, 24));
  return pairs;
}
