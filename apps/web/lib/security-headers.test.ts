import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isPageRequest, STATIC_SECURITY_HEADERS } from './security-headers.mjs';

describe('the web content security policy', () => {
  it('production: scripts only with the nonce (and what they load), no eval, no framing, no plugins', () => {
    const csp = contentSecurityPolicy('abc123==', { dev: false });
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['script-src']).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['default-src']).toBe("'self'");
    // Mantine's style tags and style attributes: styles only, never scripts, are inline.
    expect(directives['style-src']).toBe("'self' 'unsafe-inline'");
  });

  it("development (server.mjs --dev) adds 'unsafe-eval' to scripts, and nothing else changes", () => {
    const dev = contentSecurityPolicy('n', { dev: true });
    expect(dev).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(dev.replace(" 'unsafe-eval'", '')).toBe(contentSecurityPolicy('n', { dev: false }));
  });

  it('the fixed headers forbid sniffing and framing', () => {
    const h = Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
    expect(h).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });

  it('pages get the policy (with their query, HTML or RSC), not the API proxy, static files, images, the icon or prefetches', () => {
    for (const url of [
      '/',
      '/login',
      '/vouchers/sales',
      '/vouchers/sales?_rsc=abc',
      '/api',
      '/apis',
      '/health',
      '/_next/data/x',
      '/x?p=/api/',
    ])
      expect(isPageRequest(url, {}), url).toBe(true);
    for (const url of [
      '/api/',
      '/api/v1/auth/me',
      '/api/v1/x?y=1',
      '/_next/static/chunks/a.js',
      '/_next/image?url=%2Fa.png',
      '/favicon.ico',
    ])
      expect(isPageRequest(url, {}), url).toBe(false);
    expect(isPageRequest('/vouchers/sales', { rsc: '1' })).toBe(true);
    expect(isPageRequest('/vouchers/sales', { 'next-router-prefetch': '1', rsc: '1' })).toBe(false);
    expect(isPageRequest('/vouchers/sales', { purpose: 'prefetch' })).toBe(false);
    expect(isPageRequest('/vouchers/sales', { purpose: 'other' })).toBe(true);
  });
});
