import { describe, expect, it } from 'vitest';
import { EndpointConfigError, INTUIT_ENDPOINTS, isCustomEndpoints, resolveEndpoints } from '../../../main/core/qbo/endpoints';

describe('resolveEndpoints', () => {
  it('uses Intuit defaults for sandbox and production (QBO.md)', () => {
    expect(resolveEndpoints('sandbox', { env: {} })).toEqual(INTUIT_ENDPOINTS.sandbox);
    expect(resolveEndpoints('production', { env: {} }).apiBaseUrl).toBe('https://quickbooks.api.intuit.com');
    expect(INTUIT_ENDPOINTS.sandbox.apiBaseUrl).toBe('https://sandbox-quickbooks.api.intuit.com');
    expect(INTUIT_ENDPOINTS.sandbox.tokenUrl).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
    expect(INTUIT_ENDPOINTS.sandbox.revokeUrl).toBe('https://developer.api.intuit.com/v2/oauth2/tokens/revoke');
    expect(INTUIT_ENDPOINTS.sandbox.authorizeUrl).toBe('https://appcenter.intuit.com/connect/oauth2');
  });

  it('lets env vars point sandbox at a loopback server, deriving revoke/authorize on it', () => {
    const env = { PORQBO_QBO_BASE_URL: 'http://127.0.0.1:4000/', PORQBO_OAUTH_TOKEN_URL: 'http://127.0.0.1:4000/oauth2/v1/tokens/bearer' };
    const endpoints = resolveEndpoints('sandbox', { env });
    expect(endpoints).toEqual({
      apiBaseUrl: 'http://127.0.0.1:4000',
      tokenUrl: 'http://127.0.0.1:4000/oauth2/v1/tokens/bearer',
      revokeUrl: 'http://127.0.0.1:4000/v2/oauth2/tokens/revoke',
      authorizeUrl: 'http://127.0.0.1:4000/connect/oauth2',
    });
    expect(isCustomEndpoints(endpoints)).toBe(true);
    expect(isCustomEndpoints(INTUIT_ENDPOINTS.sandbox)).toBe(false);
    const explicit = resolveEndpoints('sandbox', { env: { ...env, PORQBO_OAUTH_REVOKE_URL: 'http://127.0.0.1:4000/r' } });
    expect(explicit.revokeUrl).toBe('http://127.0.0.1:4000/r');
  });

  it('never redirects production', () => {
    const env = { PORQBO_QBO_BASE_URL: 'http://127.0.0.1:4000', PORQBO_OAUTH_TOKEN_URL: 'http://127.0.0.1:4000/t' };
    expect(resolveEndpoints('production', { env, overrides: { apiBaseUrl: 'http://127.0.0.1:1' } })).toEqual(INTUIT_ENDPOINTS.production);
  });

  it('practice needs the simulator and says how to start it', () => {
    expect(() => resolveEndpoints('practice', { env: {} })).toThrow(/por-qbo simulator/);
    const persisted = { apiBaseUrl: 'http://127.0.0.1:5000', tokenUrl: 'http://127.0.0.1:5000/oauth2/v1/tokens/bearer' };
    expect(resolveEndpoints('practice', { env: {}, persisted }).revokeUrl).toBe('http://127.0.0.1:5000/v2/oauth2/tokens/revoke');
    // Env vars win over the remembered URLs (a restarted simulator has a new port); explicit overrides win over both.
    const env = { PORQBO_QBO_BASE_URL: 'http://127.0.0.1:6000', PORQBO_OAUTH_TOKEN_URL: 'http://127.0.0.1:6000/oauth2/v1/tokens/bearer' };
    expect(resolveEndpoints('practice', { env, persisted }).apiBaseUrl).toBe('http://127.0.0.1:6000');
    expect(resolveEndpoints('practice', { env, persisted, overrides: { apiBaseUrl: 'http://127.0.0.1:7000' } }).apiBaseUrl).toBe('http://127.0.0.1:7000');
  });

  it('refuses plain http off loopback and non-URLs', () => {
    expect(() => resolveEndpoints('sandbox', { env: { PORQBO_QBO_BASE_URL: 'http://example.com' } })).toThrow(EndpointConfigError);
    expect(() => resolveEndpoints('sandbox', { env: { PORQBO_QBO_BASE_URL: 'not a url' } })).toThrow(/PORQBO_QBO_BASE_URL is not a URL/);
    expect(resolveEndpoints('sandbox', { env: { PORQBO_QBO_BASE_URL: 'https://proxy.example.com/qbo' } }).apiBaseUrl).toBe('https://proxy.example.com/qbo');
  });
});
