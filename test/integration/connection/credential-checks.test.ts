import { describe, expect, it } from 'vitest';
import { checkPastedCredentials } from '../../../main/core/connection/credential-checks';

const good = {
  clientId: 'ABcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN',
  clientSecret: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  realmId: '9341453172546301',
  refreshToken: 'AB11797999999abcdefghijklmnopqrstuvwxyz0123456789ab',
};

function problemsFor(input: Partial<typeof good>) {
  const result = checkPastedCredentials({ ...good, ...input });
  return result.ok ? [] : result.problems;
}

describe('checkPastedCredentials', () => {
  it('accepts the four values and removes copy noise', () => {
    const result = checkPastedCredentials({
      clientId: `  "${good.clientId}"\n`,
      clientSecret: `'${good.clientSecret}'`,
      realmId: '9341 4531 7254 6301',
      refreshToken: `Bearer ${good.refreshToken}`,
    });
    expect(result).toEqual({ ok: true, value: good });
  });

  it('names each missing field with where to find it', () => {
    const result = checkPastedCredentials({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['clientId', 'clientSecret', 'realmId', 'refreshToken']);
    expect(result.problems[0]!.message).toMatch(/^Client ID: missing.*Keys & credentials/);
    expect(result.problems[3]!.message).toMatch(/OAuth Playground/);
  });

  it('explains the common mistakes', () => {
    expect(problemsFor({ refreshToken: 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..abc.def' })[0]!.message).toMatch(/looks like an Access Token/);
    expect(problemsFor({ realmId: 'abc123' })[0]!.message).toMatch(/Realm ID: is a number/);
    expect(problemsFor({ clientSecret: good.clientId })[0]!.message).toMatch(/same as the Client ID/);
    expect(problemsFor({ clientId: 'AB cd ef gh ij' })[0]!.message).toMatch(/contains spaces/);
    expect(problemsFor({ refreshToken: 'short' })[0]!.message).toMatch(/only 5 characters/);
    expect(problemsFor({ refreshToken: good.clientSecret })[0]!.message).toMatch(/same as the Client ID or Secret/);
    expect(problemsFor({ clientId: 'AB$%^&*()' + 'x'.repeat(20) })[0]!.field).toBe('clientId');
    expect(problemsFor({ realmId: '12' })[0]!.message).toMatch(/has 2 digits/);
  });
});
