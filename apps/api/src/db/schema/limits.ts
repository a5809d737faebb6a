import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the per-address rate limits (login, password recovery), one row per route
 * and address and fixed window, so every API instance on the database counts the same attempts
 * and a restart forgets none. Windows are measured by the database's clock. Rows of windows long
 * over are deleted now and then by the store (apps/api/src/plugins/rate-limit-store.ts).
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    windowEndsAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('rate_limit_hits_window_ends_at_idx').on(t.windowEndsAt)],
);

/**
 * Failed sign-ins (wrong or unknown password), per account and source address: a source that fails
 * too often is locked out of that account, and the account's row (`source` = '*') counts failures
 * from every source to slow guessing down. `account_key` is the SHA-256 of the lowercased email,
 * whether or not an account has it, so unknown emails are counted (and answered) exactly as known
 * ones, and what outsiders typed is not kept. `blocked_until` is the lock's end on a source row and
 * the earliest next attempt on the account's row. See modules/auth/login-policy.ts.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    accountKey: text().notNull(),
    source: text().notNull(),
    failures: integer().notNull(),
    lastFailedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    blockedUntil: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.accountKey, t.source] }), index('login_failures_last_failed_at_idx').on(t.lastFailedAt)],
);
