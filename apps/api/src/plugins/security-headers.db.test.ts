import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';

/** Issue 12 item 4: security headers (helmet) on every API answer, the Swagger UI's own policy. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

function expectCommonHeaders(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(String(headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
}

describe('security headers', () => {
  it('on JSON answers, successes and errors alike: nosniff, no framing, and a policy that allows nothing', async () => {
    const tenant = await createTenant(t.deps);
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tenant.user.token) }),
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }),
      t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'not an email' } }),
      t.app.inject({ method: 'GET', url: '/health' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 422, 200]);
    for (const res of answers) {
      expectCommonHeaders(res.headers);
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    }
  });

  it("the Swagger UI gets its own origin's scripts and styles, nothing from elsewhere, and no framing either", async () => {
    for (const url of ['/docs/', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui.css', '/docs/json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectCommonHeaders(res.headers);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|https:|\*/);
    }
  });
});
