import { randomBytes } from 'node:crypto';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { HAS_TEST_KEYRING } from '../../helpers/keyring';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';
import { deleteConnectionSecrets, SECRET_KINDS, type SecretRef } from '../../../main/core/secrets/secret-store';

// Runs only under scripts/with-test-keyring.sh: a private D-Bus with a throwaway gnome-keyring.
describe.skipIf(!HAS_TEST_KEYRING)('KeytarSecretStore on the real Secret Service', () => {
  const store = new KeytarSecretStore();
  const realm = () => String(10_000_000 + Math.floor(Math.random() * 1e8));

  it('stores, reads and deletes under por-qbo-companion/<env> and <realmId>:<kind>', async () => {
    const ref: SecretRef = { environment: 'sandbox', realmId: realm(), kind: 'client-secret' };
    const value = randomBytes(30).toString('base64url');
    expect(await store.get(ref)).toBeNull();
    await store.set(ref, value);
    expect(await store.get(ref)).toBe(value);
    // Seen from outside our wrapper: the real service/account names.
    expect(await keytar.getPassword('por-qbo-companion/sandbox', `${ref.realmId}:client-secret`)).toBe(value);
    expect(await store.delete(ref)).toBe(true);
    expect(await store.get(ref)).toBeNull();
    expect(await store.delete(ref)).toBe(false);
  });

  it('keeps environments, realms and kinds apart', async () => {
    const r1 = realm();
    const r2 = realm();
    const refs: [SecretRef, string][] = [
      [{ environment: 'sandbox', realmId: r1, kind: 'token' }, 'sandbox-r1-token-value'],
      [{ environment: 'production', realmId: r1, kind: 'token' }, 'production-r1-token-value'],
      [{ environment: 'practice', realmId: r1, kind: 'token' }, 'practice-r1-token-value'],
      [{ environment: 'sandbox', realmId: r2, kind: 'token' }, 'sandbox-r2-token-value'],
      [{ environment: 'sandbox', realmId: r1, kind: 'client-id' }, 'sandbox-r1-client-id'],
    ];
    for (const [ref, value] of refs) await store.set(ref, value);
    for (const [ref, value] of refs) expect(await store.get(ref)).toBe(value);

    await deleteConnectionSecrets(store, 'sandbox', r1);
    expect(await store.get({ environment: 'sandbox', realmId: r1, kind: 'token' })).toBeNull();
    expect(await store.get({ environment: 'sandbox', realmId: r1, kind: 'client-id' })).toBeNull();
    expect(await store.get({ environment: 'production', realmId: r1, kind: 'token' })).toBe('production-r1-token-value');
    expect(await store.get({ environment: 'practice', realmId: r1, kind: 'token' })).toBe('practice-r1-token-value');
    expect(await store.get({ environment: 'sandbox', realmId: r2, kind: 'token' })).toBe('sandbox-r2-token-value');
    for (const env of ['production', 'practice'] as const) await deleteConnectionSecrets(store, env, r1);
    await deleteConnectionSecrets(store, 'sandbox', r2);
    for (const kind of SECRET_KINDS) expect(await store.get({ environment: 'production', realmId: r1, kind })).toBeNull();
  });

  it('overwrites in place (a rotated token replaces the old one) and keeps a whole token JSON intact', async () => {
    const ref: SecretRef = { environment: 'practice', realmId: realm(), kind: 'token' };
    const token = JSON.stringify({ access_token: `eyJ${'x'.repeat(1100)}`, refresh_token: 'AB11' + 'y'.repeat(48), expires_in: 3600, createdAt: Date.now() });
    await store.set(ref, 'old');
    await store.set(ref, token);
    expect(await store.get(ref)).toBe(token);
    expect((await keytar.findCredentials('por-qbo-companion/practice')).filter((c) => c.account === `${ref.realmId}:token`)).toHaveLength(1);
    await store.delete(ref);
  });

  it('refuses an empty value and a realm that could alias another entry', async () => {
    await expect(store.set({ environment: 'sandbox', realmId: realm(), kind: 'token' }, '')).rejects.toThrow(/empty/);
    await expect(store.get({ environment: 'sandbox', realmId: '1:token', kind: 'client-id' })).rejects.toThrow(/Invalid realm ID/);
  });
});
