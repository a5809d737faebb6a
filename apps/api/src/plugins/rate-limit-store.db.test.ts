import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { buildTestApp, captureLoggers, type TestApp } from '../test/harness';
import { createTestDbHandle } from '../test/test-db';

/**
 * The per-address login limit counted in the database: two API instances on one database (two
 * apps, each with its own process state) share one count, and an instance started afresh on the
 * same database still sees it.
 */

const LIMIT = { AUTH_RATE_LIMIT_MAX: '4', AUTH_RATE_LIMIT_WINDOW_SECONDS: '600' };
const apps: TestApp[] = [];
let handle: Awaited<ReturnType<typeof createTestDbHandle>>;

beforeAll(async () => {
  handle = await createTestDbHandle(captureLoggers('silent').loggers.database);
});
afterAll(async () => {
  for (const t of apps) await t.app.close();
  await handle.close();
});

async function instance(): Promise<TestApp> {
  const t = await buildTestApp({ handle, env: LIMIT });
  apps.push(t);
  return t;
}

// A new email each time: this is the per-address limit of the route, not the sign-in lockout,
// which counts failures per account and address (login-lockout.db.test.ts).
let attempt = 0;
const login = (t: TestApp, remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { email: `nobody-${++attempt}@example.test`, password: 'Wrong-Pass-1' },
  });

describe('per-address login limit shared through the database', () => {
  it('two instances together allow the limit once, not once each; a fresh instance still refuses', async () => {
    const [a, b] = [await instance(), await instance()];
    const address = '198.51.100.23';
    // Four attempts alternating between the instances: all counted against one limit of 4.
    for (const t of [a, b, a, b]) expect((await login(t, address)).statusCode).toBe(401);
    const refusedByA = await login(a, address);
    const refusedByB = await login(b, address);
    expect(refusedByA.statusCode).toBe(429);
    expect(refusedByB.statusCode).toBe(429);
    expect(refusedByB.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(refusedByB.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);

    // "A restart": an instance built now, with no memory of the attempts, refuses too.
    await a.app.close();
    const restarted = await instance();
    expect((await login(restarted, address)).statusCode).toBe(429);
    // Another address and another route have their own counts.
    expect((await login(restarted, '198.51.100.24')).statusCode).toBe(401);
    const forgot = await restarted.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      remoteAddress: address,
      payload: { email: 'nobody@example.test' },
    });
    expect(forgot.statusCode).toBe(200);

    const [row] = await queryRows<{ hits: number }>(
      handle.db,
      sql`SELECT hits FROM rate_limit_hits WHERE key = ${`POST /api/v1/auth/login ${address}`}`,
    );
    expect(row?.hits).toBe(7);
  });

  it('a window that has ended starts again from one', async () => {
    const t = await instance();
    const address = '198.51.100.40';
    for (let i = 0; i < 4; i++) expect((await login(t, address)).statusCode).toBe(401);
    expect((await login(t, address)).statusCode).toBe(429);
    // End the window as time would (the database's clock decides).
    await handle.db.execute(
      sql`UPDATE rate_limit_hits SET window_ends_at = now() - interval '1 second' WHERE key = ${`POST /api/v1/auth/login ${address}`}`,
    );
    expect((await login(t, address)).statusCode).toBe(401);
    const [row] = await queryRows<{ hits: number }>(
      handle.db,
      sql`SELECT hits FROM rate_limit_hits WHERE key = ${`POST /api/v1/auth/login ${address}`}`,
    );
    expect(row?.hits).toBe(1);
  });
});
