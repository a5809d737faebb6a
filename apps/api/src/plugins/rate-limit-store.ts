import { createRequire } from 'node:module';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { queryRows } from '../db/client';
import type { SessionManager } from '../db/session';
import type { AppLogger } from '../lib/logger';

/**
 * Where the per-address request limits (`@fastify/rate-limit` on login and password recovery) keep
 * their counters: in the database by default, in Redis when REDIS_URL is set. Either way every API
 * instance on the same database (or Redis) counts the same attempts, so N instances do not allow N
 * times the limit, and a restart forgets nothing. (The plugin's default store is each process's
 * memory, which does both.)
 */

type RateLimitStore = FastifyRateLimitStore;
type RateLimitStoreClass = FastifyRateLimitStoreCtor;

/**
 * What the plugin really passes to `child` (its merged per-route options, with the route under
 * `routeInfo`; its type declarations say the route options themselves).
 */
interface RouteLimitOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

export interface RateLimitBackend {
  /** The class to pass as `@fastify/rate-limit`'s `store` option. */
  store: RateLimitStoreClass;
  /** `database` or `redis`, for the start-up log and /health. */
  kind: 'database' | 'redis';
  close(): Promise<void>;
}

/** Rows of windows that ended this long ago are deleted, at most this often per process. */
const SWEEP_EVERY_MS = 60_000;

function routePrefix(options: unknown): string {
  const route = (options as RouteLimitOptions).routeInfo ?? {};
  const method = Array.isArray(route.method) ? route.method.join(',') : (route.method ?? '');
  return `${method} ${route.url ?? ''} `;
}

/**
 * One statement per request: the row for (route, address) is created with a fresh window, or
 * counted up, or (its window over) started again, atomically under the row's lock, with the
 * database's clock. Answers the count and the milliseconds left in the window.
 */
export function createDatabaseRateLimitStore(sessions: SessionManager, logger: AppLogger): RateLimitBackend {
  let lastSweep = 0;

  function sweep(): void {
    const now = Date.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    sessions
      .run((db) => db.execute(sql`DELETE FROM rate_limit_hits WHERE window_ends_at < now() - interval '1 minute'`), {
        label: 'rate_limit.sweep',
      })
      .catch((err: unknown) => logger.warn({ err }, 'Could not delete old rate-limit counters; trying again later'));
  }

  async function hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const [row] = await sessions.run(
      (db) =>
        queryRows<{ hits: number; ttl_ms: number | string }>(
          db,
          sql`INSERT INTO rate_limit_hits AS h (key, hits, window_ends_at)
              VALUES (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
              ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN h.window_ends_at <= now() THEN 1 ELSE h.hits + 1 END,
                window_ends_at = CASE WHEN h.window_ends_at <= now() THEN excluded.window_ends_at ELSE h.window_ends_at END
              RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int AS ttl_ms`,
        ),
      { label: 'rate_limit.hit' },
    );
    sweep();
    return { current: row!.hits, ttl: Math.max(0, Number(row!.ttl_ms)) };
  }

  class DatabaseRateLimitStore implements RateLimitStore {
    constructor(
      _globalOptions: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: (err: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      hit(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: unknown): RateLimitStore {
      return new DatabaseRateLimitStore(routeOptions, routePrefix(routeOptions));
    }
  }

  return { store: DatabaseRateLimitStore, kind: 'database', close: async () => undefined };
}

type PluginRedisStore = new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key: string) => RateLimitStore;

/**
 * Redis: `@fastify/rate-limit`'s own Redis store (an atomic Lua INCR/PEXPIRE per request, keyed by
 * route and address), on a client of ours so it is opened and closed with the app.
 */
export function createRedisRateLimitStore(url: string, logger: AppLogger): RateLimitBackend {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'Redis (rate-limit counters) error'));
  // The plugin ships its Redis store as a CommonJS file without a typed export of its own.
  const PluginStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore') as PluginRedisStore;
  class RedisRateLimitStore {
    constructor(options: RouteLimitOptions) {
      // A constructor may answer another object: the plugin's store, bound to our client and prefix.
      return new PluginStore(options?.continueExceeding ?? false, options?.exponentialBackoff ?? false, redis, 'tritiq:rate-limit:');
    }
  }
  return {
    store: RedisRateLimitStore as unknown as RateLimitStoreClass,
    kind: 'redis',
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export function createRateLimitBackend(options: {
  redisUrl: string | undefined;
  sessions: SessionManager;
  logger: AppLogger;
}): RateLimitBackend {
  return options.redisUrl
    ? createRedisRateLimitStore(options.redisUrl, options.logger)
    : createDatabaseRateLimitStore(options.sessions, options.logger);
}
