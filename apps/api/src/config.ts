import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const intFromEnv = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
          error: 'must be a postgres:// URL (leave it unset to use the embedded database)',
        })
        .optional(),
    ),
    // The least-privilege setup (README "Database roles and row-level security"): DATABASE_URL is
    // the restricted login, these the platform login and the schema owner that migrates.
    DATABASE_PLATFORM_URL: optionalString.pipe(
      z
        .string()
        .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), { error: 'must be a postgres:// URL' })
        .optional(),
    ),
    DATABASE_MIGRATION_URL: optionalString.pipe(
      z
        .string()
        .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), { error: 'must be a postgres:// URL' })
        .optional(),
    ),
    DATA_DIR: z.string().default('./data'),
    SECRET_KEY: optionalString.pipe(z.string().min(32, { error: 'must be at least 32 characters' }).optional()),
    DEBUG: booleanFromEnv.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: intFromEnv(0, 65535).default(8000),
    DB_POOL_SIZE: intFromEnv(1, 1000).default(10),
    DB_POOL_TIMEOUT_MS: intFromEnv(100, 600_000).default(5_000),
    DB_STATEMENT_TIMEOUT_MS: intFromEnv(0, 3_600_000).default(30_000),
    DB_MAX_RETRIES: intFromEnv(0, 10).default(3),
    PUBLIC_URL: optionalString,
    PRODUCT_NAME: z.string().min(1).default('TRITIQ ERP'),
    SMTP_HOST: optionalString,
    SMTP_PORT: optionalString,
    SMTP_USERNAME: optionalString,
    SMTP_PASSWORD: optionalString,
    SMTP_SECURE: optionalString,
    EMAILS_FROM_EMAIL: optionalString,
    EMAILS_FROM_NAME: optionalString,
    SMTP_POOL_SIZE: intFromEnv(1, 50).default(5),
    SMTP_TIMEOUT_MS: intFromEnv(1_000, 600_000).default(20_000),
    EMAIL_SEND_ATTEMPTS: intFromEnv(1, 10).default(3),
    EMAIL_RETRY_BASE_MS: intFromEnv(0, 60_000).default(1_000),
    EMAIL_OUTBOX_ATTEMPTS: intFromEnv(1, 30).default(10),
    EMAIL_OUTBOX_RETRY_SECONDS: intFromEnv(1, 3_600).default(30),
    EMAIL_RECORD_RETRY_SECONDS: intFromEnv(0, 600).default(60),
    EMAIL_WORKER_IN_PROCESS: booleanFromEnv.default(true),
    EMAIL_WORKER_POLL_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .min(0.5, { error: 'must be at least 0.5' })
      .max(600, { error: 'must be at most 600' })
      .default(2),
    EMAIL_WORKER_BATCH_SIZE: intFromEnv(1, 500).default(20),
    EMAIL_WORKER_CONCURRENCY: intFromEnv(1, 200).default(10),
    EMAIL_WORKER_HEARTBEAT_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .min(0.1, { error: 'must be at least 0.1' })
      .max(60, { error: 'must be at most 60' })
      .default(2),
    EMAIL_WORKER_DEAD_AFTER_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .min(0.5, { error: 'must be at least 0.5' })
      .max(3_600, { error: 'must be at most 3600' })
      .default(10),
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), { error: 'must be a redis:// or rediss:// URL' })
        .optional(),
    ),
    SUPER_ADMIN_EMAIL: optionalString.pipe(z.email({ error: 'must be an email address' }).optional()),
    SUPER_ADMIN_PASSWORD: optionalString,
    ACCESS_TOKEN_EXPIRE_MINUTES: intFromEnv(1, 24 * 60).default(30),
    REFRESH_TOKEN_EXPIRE_HOURS: intFromEnv(1, 24 * 30).default(12),
    AUTH_RATE_LIMIT_MAX: intFromEnv(1, 1_000_000).default(10),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: intFromEnv(1, 86_400).default(60),
    TRUSTED_ORIGINS: optionalString.pipe(
      z
        .string()
        .refine((v) => v.split(',').every((o) => !o.trim() || (/^https?:\/\//.test(o.trim()) && URL.canParse(o.trim()))), {
          error: 'must be a comma-separated list of origins such as https://erp.example.com',
        })
        .optional(),
    ),
    COOKIE_SECURE: booleanFromEnv.optional(),
    METRICS_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^[\x21-\x7e]{24,}$/, { error: 'must be at least 24 printable characters without spaces (a random token)' })
        .optional(),
    ),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    METRICS_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), intFromEnv(1, 65535).optional()),
    SUPER_ADMIN_REQUIRE_TWO_FACTOR: booleanFromEnv.default(false),
    SHUTDOWN_TIMEOUT_MS: intFromEnv(0, 600_000).default(10_000),
    BACKUP_DIR: optionalString,
    BACKUP_KEEP: intFromEnv(1, 1000).default(7),
    BACKUP_EVERY_HOURS: intFromEnv(1, 24 * 31).default(24),
  })
  .superRefine((env, ctx) => {
    if (env.EMAIL_WORKER_DEAD_AFTER_SECONDS < 2 * env.EMAIL_WORKER_HEARTBEAT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_WORKER_DEAD_AFTER_SECONDS'],
        message: `must be at least twice EMAIL_WORKER_HEARTBEAT_SECONDS (${env.EMAIL_WORKER_HEARTBEAT_SECONDS}), or a slow beat looks like a death`,
      });
    }
    if (env.BACKUP_DIR && env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['BACKUP_DIR'],
        message: 'schedules backups of the embedded database only: back up a PostgreSQL server with `npm run backup` from cron',
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `must differ from PORT (${env.PORT}): it is a separate address` });
    }
    if (env.NODE_ENV === 'production' && !env.SECRET_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRET_KEY'],
        message: 'is required when NODE_ENV=production (at least 32 random characters)',
      });
    }
  });

export type RawEnv = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  debug: boolean;
  host: string;
  port: number;
  version: string;
  productName: string;
  publicUrl: string;
  log: { level: string; pretty: boolean };
  database:
    | {
        driver: 'pg';
        url: string;
        /** The platform login (least-privilege setup); undefined: the main login serves the platform too. */
        platformUrl?: string;
        /** The owner that migrates; undefined: the main login migrates. */
        migrationUrl?: string;
        poolSize: number;
        poolTimeoutMs: number;
        statementTimeoutMs: number;
      }
    | { driver: 'pglite'; dataDir: string; poolSize: 1; poolTimeoutMs: number; statementTimeoutMs: number };
  dataDir: string;
  dbMaxRetries: number;
  /** Undefined only when the embedded database will generate and keep one in DATA_DIR. */
  secretKey: string | undefined;
  accessTokenTtlSeconds: number;
  auth: {
    /** Absolute lifetime of a signed-in session (its rotating refresh token); a working day by default. */
    sessionTtlSeconds: number;
    /**
     * Per-IP limit on login, forgot-password and reset-password: `max` requests per `windowSeconds`,
     * counted in the database (or in Redis at `redisUrl`), so every API instance shares it.
     */
    rateLimit: { max: number; windowSeconds: number; redisUrl: string | undefined };
    /** Origins whose pages may make cookie-authenticated changes (CSRF defence); PUBLIC_URL's origin is always one. */
    trustedOrigins: string[];
    /** Send cookies with `Secure` (only over HTTPS); on in production. */
    secureCookies: boolean;
    /** The platform's rule: super admins must sign in with a second factor. */
    superAdminRequiresTwoFactor: boolean;
  };
  shutdownTimeoutMs: number;
  /** Scheduled backups of the embedded database (BACKUP_DIR); undefined: none. */
  backup?: { dir: string; keep: number; everyHours: number };
  /**
   * Who may read `GET /metrics`: a scraper with the bearer `token`, on the API's address; or, with
   * `port` set, anyone who reaches the separate listener at `host:port` (and has the token, when one is set).
   */
  metrics: { token: string | undefined; host: string; port: number | undefined };
  smtp: {
    host: string | undefined;
    port: string | undefined;
    username: string | undefined;
    password: string | undefined;
    secure: string | undefined;
    fromEmail: string | undefined;
    fromName: string | undefined;
  };
  email: {
    /** SMTP connections kept open by the pooled transport. */
    poolSize: number;
    timeoutMs: number;
    /** Attempts of a direct send (sendNow), and the first backoff delay between them. */
    sendAttempts: number;
    retryBaseMs: number;
    /** Attempts of a queued message, and the first delay of its (doubling) retry schedule. */
    outboxAttempts: number;
    outboxRetrySeconds: number;
    /**
     * How long the worker keeps trying to record a delivery's outcome (and settle its job) while
     * the database is unreachable, before leaving it to the job's expiry (and a possible resend).
     */
    recordRetrySeconds: number;
    workerInProcess: boolean;
    workerPollSeconds: number;
    workerBatchSize: number;
    /** Queued messages in flight at once (SMTP connections stay capped by poolSize). */
    workerConcurrency: number;
    /** How often a worker says it is alive, and after how long without a word it is presumed dead. */
    workerHeartbeatSeconds: number;
    workerDeadAfterSeconds: number;
  };
  superAdmin: { email: string | undefined; password: string | undefined };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const APP_VERSION = '0.1.0';

/** The directory the user started the product from (npm runs workspace scripts elsewhere). */
export function launchDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

export function loadConfig(env: Record<string, string | undefined> = process.env, baseDir = launchDirectory()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      return `${name} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const dataDir = path.resolve(baseDir, e.DATA_DIR);
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  const timeouts = { poolTimeoutMs: e.DB_POOL_TIMEOUT_MS, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS };
  return {
    env: e.NODE_ENV,
    debug: e.DEBUG,
    host: e.HOST,
    port: e.PORT,
    version: APP_VERSION,
    productName: e.PRODUCT_NAME,
    publicUrl,
    log: {
      level: e.LOG_LEVEL ?? (e.DEBUG ? 'debug' : e.NODE_ENV === 'test' ? 'silent' : 'info'),
      pretty: (e.LOG_FORMAT ?? (e.NODE_ENV === 'production' || !process.stdout.isTTY ? 'json' : 'pretty')) === 'pretty',
    },
    database: e.DATABASE_URL
      ? {
          driver: 'pg',
          url: e.DATABASE_URL,
          platformUrl: e.DATABASE_PLATFORM_URL,
          migrationUrl: e.DATABASE_MIGRATION_URL,
          poolSize: e.DB_POOL_SIZE,
          ...timeouts,
        }
      : { driver: 'pglite', dataDir, poolSize: 1, ...timeouts },
    dataDir,
    dbMaxRetries: e.DB_MAX_RETRIES,
    secretKey: e.SECRET_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    auth: {
      sessionTtlSeconds: e.REFRESH_TOKEN_EXPIRE_HOURS * 3600,
      rateLimit: { max: e.AUTH_RATE_LIMIT_MAX, windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS, redisUrl: e.REDIS_URL },
      trustedOrigins: trustedOrigins(publicUrl, e.TRUSTED_ORIGINS),
      secureCookies: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
      superAdminRequiresTwoFactor: e.SUPER_ADMIN_REQUIRE_TWO_FACTOR,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    backup: e.BACKUP_DIR ? { dir: path.resolve(baseDir, e.BACKUP_DIR), keep: e.BACKUP_KEEP, everyHours: e.BACKUP_EVERY_HOURS } : undefined,
    metrics: { token: e.METRICS_TOKEN, host: e.METRICS_HOST, port: e.METRICS_PORT },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      username: e.SMTP_USERNAME,
      password: e.SMTP_PASSWORD,
      secure: e.SMTP_SECURE,
      fromEmail: e.EMAILS_FROM_EMAIL,
      fromName: e.EMAILS_FROM_NAME,
    },
    email: {
      poolSize: e.SMTP_POOL_SIZE,
      timeoutMs: e.SMTP_TIMEOUT_MS,
      sendAttempts: e.EMAIL_SEND_ATTEMPTS,
      retryBaseMs: e.EMAIL_RETRY_BASE_MS,
      outboxAttempts: e.EMAIL_OUTBOX_ATTEMPTS,
      outboxRetrySeconds: e.EMAIL_OUTBOX_RETRY_SECONDS,
      recordRetrySeconds: e.EMAIL_RECORD_RETRY_SECONDS,
      workerInProcess: e.EMAIL_WORKER_IN_PROCESS,
      workerPollSeconds: e.EMAIL_WORKER_POLL_SECONDS,
      workerBatchSize: e.EMAIL_WORKER_BATCH_SIZE,
      workerConcurrency: e.EMAIL_WORKER_CONCURRENCY,
      workerHeartbeatSeconds: e.EMAIL_WORKER_HEARTBEAT_SECONDS,
      workerDeadAfterSeconds: e.EMAIL_WORKER_DEAD_AFTER_SECONDS,
    },
    superAdmin: { email: e.SUPER_ADMIN_EMAIL, password: e.SUPER_ADMIN_PASSWORD },
  };
}

function trustedOrigins(publicUrl: string, extra: string | undefined): string[] {
  const origins = new Set<string>();
  for (const candidate of [publicUrl, ...(extra ?? '').split(',')]) {
    const value = candidate.trim();
    if (value && URL.canParse(value)) origins.add(new URL(value).origin);
  }
  return [...origins];
}

/** Reads `.env` from the launch directory into process.env; real environment variables win. */
export function loadDotEnv(baseDir = launchDirectory()): string | undefined {
  const file = path.join(baseDir, '.env');
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
