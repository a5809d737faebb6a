import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { DbHandle } from '../db/client';
import type { RetryPolicy } from '../db/session';
import { createDeps, type AppDeps } from '../deps';
import type { Clock } from '../lib/clock';
import { categoryLoggers, createLogger, type Loggers } from '../lib/logger';
import { createTestDbHandle } from './test-db';

export const TEST_SECRET_KEY = 'test-secret-key-0123456789-abcdefghijklmnop';

/** Collects JSON log lines in memory so tests can assert on what was (and was not) logged. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  text(): string {
    return this.raw.join('\n');
  }
}

/** A clock tests move by hand instead of sleeping. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
}

/** The bearer token of `GET /metrics` in tests (`metricsHeaders`); a test may set its own METRICS_TOKEN. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
export const metricsHeaders = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: TEST_SECRET_KEY,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  handle: DbHandle;
  logs: LogCapture;
  clock: TestClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  handle?: DbHandle;
  retry?: Partial<RetryPolicy>;
  clock?: TestClock;
  /** Test-only routes, registered before the app is ready. */
  extraRoutes?: (app: FastifyInstance, deps: AppDeps) => void;
}

export function captureLoggers(level = 'info'): { loggers: Loggers; logs: LogCapture } {
  const logs = new LogCapture();
  return { loggers: categoryLoggers(createLogger({ level, pretty: false, destination: logs })), logs };
}

/** The real app on a fresh real database (PostgreSQL server or PGlite, per the test project). */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const { loggers, logs } = captureLoggers(config.log.level);
  const handle = options.handle ?? (await createTestDbHandle(loggers.database));
  const clock = options.clock ?? new TestClock();
  const deps = createDeps({ config, loggers, handle, secretKey: TEST_SECRET_KEY, clock, retry: { baseDelayMs: 5, ...options.retry } });
  const app = await buildApp(deps);
  options.extraRoutes?.(app, deps);
  await app.ready();
  return {
    app,
    deps,
    handle,
    logs,
    clock,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
