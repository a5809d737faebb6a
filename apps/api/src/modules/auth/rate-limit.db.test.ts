import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '600' } });
});
afterAll(() => t.close());

describe('per-IP rate limit on login and forgot-password', () => {
  it('answers 429 with Retry-After once an address has used its attempts, per route and per address', async () => {
    const attempt = (remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: 'someone@example.test', password: 'Wrong-Pass-1' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.7')).statusCode).toBe(401);
    const limited = await attempt('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', detail: expect.stringMatching(/^Too many attempts from this address/) });
    // Another address is not affected.
    expect((await attempt('203.0.113.8')).statusCode).toBe(401);

    const forgot = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', remoteAddress, payload: { email: 'someone@example.test' } });
    for (let i = 0; i < 3; i++) expect((await forgot('203.0.113.9')).statusCode).toBe(200);
    const limitedForgot = await forgot('203.0.113.9');
    expect(limitedForgot.statusCode).toBe(429);
    expect(limitedForgot.headers['retry-after']).toBeDefined();
  });
});
