import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations, users } from './accounts';

/**
 * A user's authenticator app (TOTP, RFC 6238). The shared secret is sealed with the server's
 * secret key (lib/secret-box.ts). `enabled_at` is null while an enrolment waits for its first
 * code. `last_used_step` is the 30-second step of the last code accepted: no code of that step
 * or an earlier one is accepted again (no replay).
 */
export const userTwoFactor = pgTable(
  'user_two_factor',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id),
    organizationId: uuid().references(() => organizations.id),
    secretSealed: text().notNull(),
    enabledAt: timestamp({ withTimezone: true }),
    lastUsedStep: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_two_factor_org_idx').on(t.organizationId)],
);

/** One-time recovery codes, kept only as keyed hashes; a used code keeps its row with `used_at`. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid().references(() => organizations.id),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_recovery_codes_user_hash_uq').on(t.userId, t.codeHash),
    index('user_recovery_codes_org_idx').on(t.organizationId),
  ],
);

/**
 * The short-lived token a right password earns when a second factor is needed: `verify` takes a
 * code, `enrol` lets a user who must have a factor set one up before any session exists. Only
 * the token's SHA-256 is kept. Wrong codes are counted here (per challenge, and summed per user
 * over a window for the lock).
 */
export const twoFactorChallenges = pgTable(
  'two_factor_challenges',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid().references(() => organizations.id),
    tokenHash: text().notNull(),
    purpose: text({ enum: ['verify', 'enrol'] }).notNull(),
    failedAttempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('two_factor_challenges_token_uq').on(t.tokenHash),
    index('two_factor_challenges_user_created_idx').on(t.userId, t.createdAt),
    index('two_factor_challenges_org_idx').on(t.organizationId),
    check('two_factor_challenges_failed_ck', sql`${t.failedAttempts} >= 0`),
  ],
);
