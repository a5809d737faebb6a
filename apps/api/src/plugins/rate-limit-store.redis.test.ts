import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { buildTestApp, captureLoggers, type TestApp } from '../test/harness';
import { createTestDbHandle } from '../test/test-db';

/**
 * The per-address login limit counted in Redis (REDIS_URL): a real Redis server, TEST_REDIS_URL or
 * redis://127.0.0.1:6379 (`.ci/run` starts one). Two instances share the count; the keys are ours.
 */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const apps: TestApp[] = [];
let handle: Awaited<ReturnType<typeof createTestDbHandle>>;
let redis: Redis;
// Each run its own window length, so a counter another run left in the same Redis is not ours.
const windowSeconds = String(3_000 + (randomBytes(2).readUInt16BE() % 1_000));

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `The Redis tests need a Redis server at ${REDIS_URL} (apt-get install redis-server, or set TEST_REDIS_URL): ${(err as Error).message}`,
    );
  }
  handle = await createTestDbHandle(captureLoggers('silent').loggers.database);
});
afterAll(async () => {
  for (const t of apps) await t.app.close();
  await handle?.close();
  redis.disconnect();
});

describe('per-address login limit shared through Redis', () => {
  it('two instances allow the limit once between them, and the counter is in Redis with the window as its expiry', async () => {
    const env = { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: windowSeconds, REDIS_URL };
    const [a, b] = [await buildTestApp({ handle, env }), await buildTestApp({ handle, env })];
    apps.push(a, b);
    expect(a.deps.rateLimits.kind).toBe('redis');
    const address = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
    const login = (t: TestApp) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: address,
        payload: { email: 'nobody@example.test', password: 'Wrong-Pass-1' },
      });
    const key = `tritiq:rate-limit:POST/api/v1/auth/login-${address}`;
    await redis.del(key);
    for (const t of [a, b, a]) expect((await login(t)).statusCode).toBe(401);
    const refused = await login(b);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(Number(windowSeconds));
    expect(await redis.get(key)).toBe('4');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(Number(windowSeconds) * 1000);
    // Nothing about this limit was written to the database.
    const [stored] = await queryRows<{ n: string | number }>(a.handle.db, sql`SELECT count(*) AS n FROM rate_limit_hits`);
    expect(Number(stored?.n)).toBe(0);
    await redis.del(key);
  });
});
