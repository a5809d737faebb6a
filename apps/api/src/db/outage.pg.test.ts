import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { TcpProxy } from '../test/tcp-proxy';
import { createPgTestDatabase } from '../test/test-db';
import { createPgHandle } from './client';
import { captureLoggers } from '../test/harness';

let t: TestApp;
let proxy: TcpProxy;
let token: string;

beforeAll(async () => {
  const direct = new URL(await createPgTestDatabase());
  proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
  const port = await proxy.start();
  const viaProxy = new URL(direct);
  viaProxy.port = String(port);
  const { loggers } = captureLoggers('silent');
  const handle = createPgHandle(
    { url: viaProxy.toString(), poolSize: 3, poolTimeoutMs: 1_000, statementTimeoutMs: 5_000 },
    loggers.database,
  );
  t = await buildTestApp({ handle, retry: { maxRetries: 2, baseDelayMs: 20 } });
  token = (await createTenant(t.deps)).user.token;
});
afterAll(async () => {
  await t.close();
  await proxy.stop();
});

describe('the database goes away and comes back (PostgreSQL server behind a cut-able link)', () => {
  it('reports 503 while it is down and recovers without a restart', async () => {
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect((await me()).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health/db' })).statusCode).toBe(200);

    await proxy.stop();

    const health = await t.app.inject({ method: 'GET', url: '/health/db' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unhealthy', message: expect.stringMatching(/^Database connection failed/) });

    const during = await me();
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', request_id: expect.any(String) });
    expect(JSON.stringify(during.json())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminated/);

    const liveness = await t.app.inject({ method: 'GET', url: '/health' });
    expect(liveness.statusCode).toBe(200);

    await proxy.start();

    expect((await t.app.inject({ method: 'GET', url: '/health/db' })).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
  });
});
