import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../../src-shared/console-assets.js';
import { APP_RESPONSE_HEADERS, isSafeExternalUrl, isTrustedIpcSender, resolveAppAsset, rpcRequestSchema, externalLinkDecision } from './security.js';

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://www.moh.gov.sa/en/Pages/default.aspx', true],
    ['https://example.com', true],
    ['https://example.com:443/path?q=1#frag', true],
    ['https://EXAMPLE.com./', true],
    ['http://example.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['app://px360/index.html', false],
    ['smb://fileserver/share', false],
    ['https://user:pass@example.com', false],
    ['https://user@example.com', false],
    ['https://example.com:8443/', false],
    ['https://localhost/', false],
    ['https://api.localhost/', false],
    ['https://printer.local/', false],
    ['https://intranet/', false],
    ['https://127.0.0.1/', false],
    ['https://0x7f.1/', false],
    ['https://2130706433/', false],
    ['https://192.168.1.10/', false],
    ['https://8.8.8.8/', false],
    ['https://[::1]/', false],
    ['https://exa mple.com', false],
    [' https://example.com', false],
    ['https://example.com/\nhttps://evil.test', false],
    ['not a url', false],
    ['', false],
    [`https://example.com/${'a'.repeat(2100)}`, false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('resolveAppAsset', () => {
  const root = path.resolve('/srv/px360/dist/renderer');

  it('serves files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://px360/assets/index-abc.js')).toEqual({
      kind: 'file',
      filePath: path.join(root, 'assets', 'index-abc.js'),
      isEntry: false,
    });
    expect(resolveAppAsset(root, 'app://px360/')).toEqual({ kind: 'file', filePath: path.join(root, 'index.html'), isEntry: true });
    expect(resolveAppAsset(root, 'app://px360/index.html?x=1#y')).toMatchObject({ kind: 'file', filePath: path.join(root, 'index.html') });
  });

  it('answers client-side routes with index.html', () => {
    expect(resolveAppAsset(root, 'app://px360/complaints/CMP-001')).toEqual({ kind: 'file', filePath: path.join(root, 'index.html'), isEntry: true });
  });

  it('decodes percent-encoded names (Arabic file names included)', () => {
    expect(resolveAppAsset(root, 'app://px360/fonts/%D8%AE%D8%B7.woff2')).toMatchObject({ kind: 'file', filePath: path.join(root, 'fonts', 'خط.woff2') });
  });

  it.each(['app://px360/../../keys/station.pem', 'app://px360/%2e%2e/%2e%2e/keys/station.pem', 'app://px360/assets/./../../../keys/station.pem'])(
    'keeps %s inside the renderer folder (the URL parser collapses dot segments)',
    (url) => {
      const asset = resolveAppAsset(root, url);
      expect(asset).toEqual({ kind: 'file', filePath: path.join(root, 'keys', 'station.pem'), isEntry: false });
    },
  );

  it.each([
    'app://px360/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://px360/assets/..%5c..%5csecret.txt',
    'app://px360/assets\\..\\..\\secret.txt',
    'app://px360/index.html%00.png',
    'app://px360/%E0%A4%A',
    'app://px360/.env',
    'app://other-host/index.html',
    'app://user:pw@px360/index.html',
    'file:///etc/passwd',
    'https://px360/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url).kind).toBe('refused');
  });
});

describe('isTrustedIpcSender', () => {
  it.each([
    [{ isOurMainFrame: true, url: 'app://px360/index.html' }, true],
    [{ isOurMainFrame: true, url: 'app://px360/complaints' }, true],
    [{ isOurMainFrame: false, url: 'app://px360/index.html' }, false],
    [{ isOurMainFrame: true, url: 'app://px360.evil.test/index.html' }, false],
    [{ isOurMainFrame: true, url: 'https://px360/index.html' }, false],
    [{ isOurMainFrame: true, url: 'file:///C:/px360/index.html' }, false],
    [{ isOurMainFrame: true, url: 'about:blank' }, false],
    [{ isOurMainFrame: true, url: null }, false],
  ])('%o → %s', (facts, expected) => {
    expect(isTrustedIpcSender(facts)).toBe(expected);
  });
});

describe('rpcRequestSchema', () => {
  it('accepts a call with any input and a token or null', () => {
    expect(rpcRequestSchema.safeParse({ name: 'system.status', input: {}, token: null }).success).toBe(true);
    expect(rpcRequestSchema.safeParse({ name: 'users.list', input: { page: 1 }, token: 'abc' }).success).toBe(true);
  });

  it.each([
    ['a name over 100 characters', { name: 'x'.repeat(101), input: {}, token: null }],
    ['an empty name', { name: '', input: {}, token: null }],
    ['a numeric token', { name: 'system.status', input: {}, token: 42 }],
    ['a missing token', { name: 'system.status', input: {} }],
    ['extra keys', { name: 'system.status', input: {}, token: null, sender: 'admin' }],
    ['not an object', 'system.status'],
  ])('rejects %s', (_label, payload) => {
    expect(rpcRequestSchema.safeParse(payload).success).toBe(false);
  });
});

describe('app:// response headers', () => {
  it('allows scripts only from the app itself and blocks plugins, base rewriting and framing', () => {
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONSOLE_CSP);
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    const directives = new Map(
      CONSOLE_CSP.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONSOLE_CSP).not.toContain('unsafe-eval');
  });
});

describe('a link the console asks to open outside', () => {
  it.each([
    ['https://www.moh.gov.sa/en/Pages/default.aspx', { action: 'open', domain: 'www.moh.gov.sa' }],
    ['https://px360.sa/help', { action: 'open', domain: 'px360.sa' }],
    ['https://example.com/form', { action: 'ask', domain: 'example.com' }],
    // a look-alike is not on the allowlist: the user sees its name first
    ['https://moh.gov.sa.evil.example/', { action: 'ask', domain: 'moh.gov.sa.evil.example' }],
    ['https://evilmoh.gov.sa/', { action: 'ask', domain: 'evilmoh.gov.sa' }],
    ['http://www.moh.gov.sa/', { action: 'refuse' }],
    ['https://127.0.0.1:8088/api/v1/events', { action: 'refuse' }],
    ['javascript:alert(1)', { action: 'refuse' }],
  ] as const)('%s → %j', (url, decision) => {
    expect(externalLinkDecision(url)).toEqual(decision);
  });
});
