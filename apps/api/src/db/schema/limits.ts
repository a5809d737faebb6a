import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
