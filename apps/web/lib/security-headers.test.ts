import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from './security-headers';

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

  it("development (next dev) adds 'unsafe-eval' to scripts, and nothing else changes", () => {
    const dev = contentSecurityPolicy('n', { dev: true });
    expect(dev).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(dev.replace(" 'unsafe-eval'", '')).toBe(contentSecurityPolicy('n', { dev: false }));
  });

  it('the fixed headers forbid sniffing and framing', () => {
    const h = Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
    expect(h).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });
});
