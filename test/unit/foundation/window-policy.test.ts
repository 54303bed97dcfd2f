import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../main/core/security/external-links';
import {
  CONTENT_SECURITY_POLICY,
  decideWindowOpen,
  hardenedWebPreferences,
  isAllowedNavigation,
  isPermissionGranted,
  packagedMenuTemplate,
  resolveAppAsset,
} from '../../../main/core/security/window-policy';

describe('which URLs may open in the system browser', () => {
  it.each([
    'https://appcenter.intuit.com/connect/oauth2?client_id=x',
    'https://app.qbo.intuit.com/app/journal?txnId=12',
    'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=3',
    'https://developer.intuit.com/app/developer/playground',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://app.qbo.intuit.com/app',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://evil/share',
    'https://intuit.com.evil.example/phish',
    'https://evilintuit.com/',
    'https://user:pw@app.qbo.intuit.com/',
    'https://app.qbo.intuit.com:8443/',
    'not a url',
    42,
    `https://app.qbo.intuit.com/${'a'.repeat(3000)}`,
  ])('refuses %#', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('window hardening', () => {
  it('turns on isolation and sandbox and off Node', () => {
    const prefs = hardenedWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    // DevTools only in development: a packaged build at a shared PC must not offer the raw bridge.
    expect(hardenedWebPreferences('/x/preload.cjs').devTools).toBe(true);
    expect(hardenedWebPreferences('/x/preload.cjs', { packaged: true })).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true });
  });
  it('the packaged menu is roles only: no DevTools toggle, no reload', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      const roles = packagedMenuTemplate(platform)
        .flatMap((m) => m.submenu)
        .map((i) => ('role' in i ? i.role : 'separator'));
      expect(roles).toContain('quit');
      expect(roles.some((r) => /devtools|reload/i.test(r))).toBe(false);
    }
  });
  it('navigates only within the app origin and never opens windows', () => {
    expect(isAllowedNavigation('app://renderer/index.html')).toBe(true);
    expect(isAllowedNavigation('https://app.qbo.intuit.com/')).toBe(false);
    expect(isAllowedNavigation('file:///index.html')).toBe(false);
    expect(decideWindowOpen('https://app.qbo.intuit.com/app/journal?txnId=1', isAllowedExternalUrl)).toBe('open-external');
    expect(decideWindowOpen('https://example.com/', isAllowedExternalUrl)).toBe('deny');
  });
  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(isPermissionGranted(p)).toBe(false);
  });
  it('has a strict CSP: no inline script, no eval, no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
  it('serves only files under the renderer folder', () => {
    expect(resolveAppAsset('app://renderer/')).toBe('index.html');
    expect(resolveAppAsset('app://renderer/assets/index.js')).toBe('assets/index.js');
    // URL parsing collapses dot segments (even encoded ones) at the root, so they cannot climb out...
    expect(resolveAppAsset('app://renderer/../main/index.js')).toBe('main/index.js');
    expect(resolveAppAsset('app://renderer/assets/%2e%2e/%2e%2e/secret')).toBe('secret');
    // ...and encoded slashes that would decode into '..' segments are refused.
    expect(resolveAppAsset('app://renderer/assets%2F..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppAsset('app://renderer/a%00b')).toBeNull();
    expect(resolveAppAsset('app://other/index.html')).toBeNull();
  });
  it('refuses backslash traversal, drive letters and malformed escapes; resolved files stay in the renderer folder', () => {
    // On Windows "\\" separates too: ..%5C climbs out of the renderer folder.
    expect(resolveAppAsset('app://renderer/..%5C..%5Cmain%5Cindex.js')).toBeNull();
    expect(resolveAppAsset('app://renderer/assets/..%5Csecret')).toBeNull();
    expect(resolveAppAsset('app://renderer/%2e%2e%5csecret')).toBeNull();
    expect(resolveAppAsset('app://renderer/C:%5CWindows%5Cwin.ini')).toBeNull();
    expect(resolveAppAsset('app://renderer/C%3A/Windows/win.ini')).toBeNull();
    expect(resolveAppAsset('app://renderer/%E0%A4%A')).toBeNull();
    const root = '/opt/app/renderer';
    expect(resolveAppAsset('app://renderer/', root)).toBe('/opt/app/renderer/index.html');
    expect(resolveAppAsset('app://renderer/assets/index.js', root)).toBe('/opt/app/renderer/assets/index.js');
    expect(resolveAppAsset('app://renderer/assets%5Cindex.js', root)).toBe('/opt/app/renderer/assets/index.js');
    expect(resolveAppAsset('app://renderer/..%5C..%5Cetc%5Cpasswd', root)).toBeNull();
  });
});
