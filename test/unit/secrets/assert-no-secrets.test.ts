import { describe, expect, it } from 'vitest';
import { assertNoSecrets, findSecretLeaks } from '../../../main/core/secrets/assert-no-secrets';

const secret = 'RT1-212-H0-1790000000abcdefghijklmnop';
const clientId = 'ABpracticeClientId0123456789';
const clientSecret = 'sEcReT0123456789abcdefABCDEF';

describe('assertNoSecrets', () => {
  it('passes when no haystack holds a secret', () => {
    expect(() => assertNoSecrets([{ name: 'settings.json', text: '{"realmId":"9341453172546301"}' }], [secret])).not.toThrow();
  });

  it('finds a secret as is, URL-encoded, JSON-escaped, base64, UTF-16 and as a prefix, naming where', () => {
    const forms: Record<string, string> = {
      plain: `token=${secret}`,
      'url-encoded': `?t=${encodeURIComponent('a b/' + secret)}`.replace(encodeURIComponent('a b/'), ''),
      base64: Buffer.from(secret).toString('base64'),
      prefix: `${secret.slice(0, 20)}…`,
    };
    for (const [form, text] of Object.entries(forms)) {
      const leaks = findSecretLeaks([{ name: `log-${form}`, text }], [secret]);
      expect(leaks.length, form).toBeGreaterThan(0);
      expect(leaks[0]!.haystack).toBe(`log-${form}`);
    }
    const utf16 = Buffer.from(`x${secret}x`, 'utf16le');
    expect(findSecretLeaks([{ name: 'db', text: utf16 }], [secret])).toHaveLength(1);
    const escaped = JSON.stringify({ v: `a"${secret}` });
    expect(findSecretLeaks([{ name: 'ipc', text: escaped }], [secret])).toHaveLength(1);
  });

  it('finds a Basic auth header built from the client id and secret', () => {
    const header = `Authorization: Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const leaks = findSecretLeaks([{ name: 'trace', text: header }], [clientId, clientSecret]);
    expect(leaks.some((l) => l.form === 'basic-auth')).toBe(true);
  });

  it('throws naming the haystack and the secret index, never the value', () => {
    let message = '';
    try {
      assertNoSecrets([{ name: 'connections/sandbox.json', text: `{"x":"${secret}"}` }], ['short', secret]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('connections/sandbox.json');
    expect(message).toContain('secret #1');
    expect(message).not.toContain(secret);
  });

  it('refuses checks that cannot fail', () => {
    expect(() => assertNoSecrets([{ name: 'a', text: 'b' }], ['tiny', null])).toThrow(/cannot fail/);
    expect(() => assertNoSecrets([], [secret])).toThrow(/cannot fail/);
  });
});
