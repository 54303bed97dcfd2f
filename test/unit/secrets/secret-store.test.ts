import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store';
import { deleteConnectionSecrets, secretAccount, secretService } from '../../../main/core/secrets/secret-store';

describe('secret namespacing', () => {
  it('names the service per environment and the account per realm and kind', () => {
    expect(secretService('sandbox')).toBe('por-qbo-companion/sandbox');
    expect(secretService('production')).toBe('por-qbo-companion/production');
    expect(secretAccount({ realmId: '9341453172546301', kind: 'token' })).toBe('9341453172546301:token');
  });

  it('refuses realm ids that could alias another entry', () => {
    expect(() => secretAccount({ realmId: '1:token', kind: 'client-id' })).toThrow(/Invalid realm ID/);
    expect(() => secretAccount({ realmId: '../x', kind: 'token' })).toThrow(/Invalid realm ID/);
    expect(() => secretAccount({ realmId: '', kind: 'token' })).toThrow(/Invalid realm ID/);
  });

  it('keeps environments and realms apart and deletes one connection only', async () => {
    const store = new MemorySecretStore();
    await store.set({ environment: 'sandbox', realmId: '1', kind: 'token' }, 'sandbox-token');
    await store.set({ environment: 'production', realmId: '1', kind: 'token' }, 'production-token');
    await store.set({ environment: 'sandbox', realmId: '2', kind: 'token' }, 'other-realm');
    await store.set({ environment: 'sandbox', realmId: '1', kind: 'client-secret' }, 'secret');
    expect(await store.get({ environment: 'production', realmId: '1', kind: 'token' })).toBe('production-token');
    await deleteConnectionSecrets(store, 'sandbox', '1');
    expect(await store.get({ environment: 'sandbox', realmId: '1', kind: 'token' })).toBeNull();
    expect(await store.get({ environment: 'sandbox', realmId: '1', kind: 'client-secret' })).toBeNull();
    expect(await store.get({ environment: 'production', realmId: '1', kind: 'token' })).toBe('production-token');
    expect(await store.get({ environment: 'sandbox', realmId: '2', kind: 'token' })).toBe('other-realm');
  });
});
