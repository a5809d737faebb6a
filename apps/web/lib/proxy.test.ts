import { describe, expect, it } from 'vitest';
import { downstreamResponseHeaders, isAuthPath, stripTokens, upstreamRequestHeaders } from './proxy';

describe('same-origin proxy', () => {
  it('removes every token from an auth answer, keeping the rest', () => {
    const body = {
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'bearer',
      expires_in: 1800,
      user: { id: 'u', accessToken: 'x' },
      must_change_password: false,
    };
    expect(stripTokens(body)).toEqual({ token_type: 'bearer', expires_in: 1800, user: { id: 'u' }, must_change_password: false });
    expect(isAuthPath('/api/v1/auth/login')).toBe(true);
    expect(isAuthPath('/api/v1/users')).toBe(false);
  });

  it("forwards cookies and Origin, replaces the client's forwarding headers with its own", () => {
    const incoming = new Headers({
      cookie: 'tritiq_at=t',
      origin: 'http://127.0.0.1:3000',
      'x-forwarded-for': '6.6.6.6',
      host: '127.0.0.1:3000',
      connection: 'keep-alive',
      'content-length': '12',
    });
    const out = upstreamRequestHeaders(incoming, '10.0.0.7', '127.0.0.1:3000');
    expect(out.get('cookie')).toBe('tritiq_at=t');
    expect(out.get('origin')).toBe('http://127.0.0.1:3000');
    expect(out.get('x-forwarded-for')).toBe('10.0.0.7');
    expect(out.get('x-forwarded-host')).toBe('127.0.0.1:3000');
    expect(out.has('host')).toBe(false);
    expect(out.has('connection')).toBe(false);
    expect(out.has('content-length')).toBe(false);
  });

  it('passes every Set-Cookie of the answer through separately', () => {
    const upstream = new Headers();
    upstream.append('set-cookie', 'tritiq_at=a; Path=/api; HttpOnly');
    upstream.append('set-cookie', 'tritiq_rt=r; Path=/api/v1/auth; HttpOnly');
    upstream.set('x-locked-until', '2026-01-01T00:00:00.000Z');
    upstream.set('content-encoding', 'gzip');
    const out = downstreamResponseHeaders(upstream);
    expect(out.getSetCookie()).toEqual(['tritiq_at=a; Path=/api; HttpOnly', 'tritiq_rt=r; Path=/api/v1/auth; HttpOnly']);
    expect(out.get('x-locked-until')).toBe('2026-01-01T00:00:00.000Z');
    expect(out.has('content-encoding')).toBe(false);
  });
});
