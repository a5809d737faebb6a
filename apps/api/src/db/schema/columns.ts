import { timestamp } from 'drizzle-orm/pg-core';

/** `created_at` and `updated_at`, set by the database on insert; services set `updated_at` on change. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
