import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../test/factories';
import { buildTestApp, metricsHeaders, TEST_METRICS_TOKEN, type TestApp } from '../test/harness';
import { startMetricsListener } from './metrics';

/** Issue 12 item 4: /metrics needs a bearer token, or lives only on a separate address. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const scrape = (app: TestApp, headers: Record<string, string> = {}) => app.app.inject({ method: 'GET', url: '/metrics', headers });

describe('GET /metrics on the API address', () => {
  it('401 without the token or with a wrong one; 200 with METRICS_TOKEN as a bearer token', async () => {
    const none = await scrape(t);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'Metrics need the bearer token METRICS_TOKEN' });
    expect(none.body).not.toContain('tritiq_');
    expect((await scrape(t, { authorization: `Bearer ${TEST_METRICS_TOKEN}x` })).statusCode).toBe(401);
    expect((await scrape(t, { authorization: `Basic ${Buffer.from(`x:${TEST_METRICS_TOKEN}`).toString('base64')}` })).statusCode).toBe(401);
    const ok = await scrape(t, metricsHeaders);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/^tritiq_db_pool_size \d+/m);
    // The process's own metrics too (collected once per process, shown by every app's registry).
    expect(ok.body).toMatch(/^tritiq_process_cpu_user_seconds_total \d/m);
    expect(ok.body).toMatch(/^tritiq_nodejs_eventloop_lag_p99_seconds \d/m);
    // A user's access token is not a metrics token, and the token is never logged.
    const tenant = await createTenant(t.deps);
    expect((await scrape(t, bearer(tenant.orgAdmin.token))).statusCode).toBe(401);
    expect(t.logs.text()).not.toContain(TEST_METRICS_TOKEN);
  });

  it('without METRICS_TOKEN nobody reads it, and the answer says what to set', async () => {
    const closed = await buildTestApp({ handle: t.handle, env: { METRICS_TOKEN: '' } });
    try {
      const res = await scrape(closed, metricsHeaders);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toMatch(/set METRICS_TOKEN .*or METRICS_PORT/);
    } finally {
      await closed.app.close();
    }
  });

  it('with METRICS_PORT the API address has no /metrics at all', async () => {
    const separate = await buildTestApp({ handle: t.handle, env: { METRICS_PORT: '9464' } });
    try {
      expect((await scrape(separate, metricsHeaders)).statusCode).toBe(404);
      expect(separate.deps.config.metrics).toEqual({ token: TEST_METRICS_TOKEN, host: '127.0.0.1', port: 9464 });
    } finally {
      await separate.app.close();
    }
  });
});

describe('the separate metrics listener', () => {
  it('serves the metrics over HTTP on its own address; with a token set, only to its bearer', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    const listener = await startMetricsListener(t.deps.metrics, { host: '127.0.0.1', port: 0, token: TEST_METRICS_TOKEN });
    try {
      expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const refused = await fetch(listener.url);
      expect(refused.status).toBe(401);
      const ok = await fetch(listener.url, { headers: metricsHeaders });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toMatch(/tritiq_http_request_duration_seconds_bucket\{.*route="\/health"/);
      expect((await fetch(listener.url.replace('/metrics', '/health'))).status).toBe(404);
    } finally {
      await listener.server.close();
    }
  });

  it('without a token it is open to whoever reaches that address (a private network is the protection)', async () => {
    const listener = await startMetricsListener(t.deps.metrics, { host: '127.0.0.1', port: 0, token: undefined });
    try {
      const res = await fetch(listener.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^tritiq_db_pool_size \d+/m);
    } finally {
      await listener.server.close();
    }
  });
});
