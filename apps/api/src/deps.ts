import type { Config } from './config';
import type { DbHandle } from './db/client';
import { createSessionManager, type RetryPolicy, type SessionManager } from './db/session';
import { newId } from './lib/ids';
import { createSecretBox, type SecretBox } from './lib/secret-box';
import type { Loggers } from './lib/logger';
import type { Clock } from './lib/clock';
import { createTokenService, type TokenService } from './lib/tokens';
import { createAuditWriter, type AuditWriter } from './modules/audit';
import { createEmailService, type EmailService } from './modules/email';
import { createAuthenticator } from './plugins/auth';
import type { Authenticator } from './lib/principal';
import { createMetrics, type Metrics } from './plugins/metrics';
import { createRateLimitBackend, type RateLimitBackend } from './plugins/rate-limit-store';

// Clock lives in lib/; re-exported for branches written before the move.
export type { Clock } from './lib/clock';

/** Everything the app is built from; tests build the same graph on their own database. */
export interface AppDeps {
  config: Config;
  loggers: Loggers;
  handle: DbHandle;
  sessions: SessionManager;
  audit: AuditWriter;
  tokens: TokenService;
  /** Encrypts secrets kept in the database that the server must read back (TOTP secrets). */
  secretBox: SecretBox;
  authenticator: Authenticator;
  metrics: Metrics;
  email: EmailService;
  /** Counters of the per-address request limits, shared by every instance (database or Redis). */
  rateLimits: RateLimitBackend;
  clock: Clock;
  startedAt: number;
}

export interface CreateDepsOptions {
  config: Config;
  loggers: Loggers;
  handle: DbHandle;
  secretKey: string;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
}

export function createDeps(options: CreateDepsOptions): AppDeps {
  const { config, loggers, handle } = options;
  const source = options.clock;
  const clock: Clock = source ? { now: () => source.now() } : { now: () => new Date() };
  const sessions = createSessionManager(handle, {
    logger: loggers.database,
    retry: { maxRetries: config.dbMaxRetries, ...options.retry },
  });
  const tokens = createTokenService({ secretKey: options.secretKey, ttlSeconds: config.accessTokenTtlSeconds, now: clock.now });
  const metrics = createMetrics(sessions);
  return {
    config,
    loggers,
    handle,
    sessions,
    audit: createAuditWriter({ securityLogger: loggers.security, newId, now: clock.now }),
    tokens,
    secretBox: createSecretBox(options.secretKey, 'at-rest'),
    authenticator: createAuthenticator({ sessions, tokens, now: clock.now, trustedOrigins: config.auth.trustedOrigins }),
    metrics,
    email: createEmailService({ config, loggers, handle, sessions, clock, metrics }),
    rateLimits: createRateLimitBackend({ redisUrl: config.auth.rateLimit.redisUrl, sessions, logger: loggers.security }),
    clock,
    startedAt: Date.now(),
  };
}
