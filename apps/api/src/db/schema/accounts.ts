import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { timestamps } from './columns';

/** A licence holder: one customer business. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    name: text().notNull(),
    status: text({ enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    maxUsers: integer().notNull().default(5),
    suspendedAt: timestamp({ withTimezone: true }),
    suspendedReason: text(),
    legalName: text(),
    gstin: text(),
    pan: text(),
    addressLine1: text(),
    addressLine2: text(),
    city: text(),
    state: text(),
    pinCode: text(),
    stateCode: text(),
    phone: text(),
    email: text(),
    bankName: text(),
    bankAccountNumber: text(),
    bankIfsc: text(),
    bankBranch: text(),
    upiId: text(),
    invoiceTerms: text(),
    allowNegativeStock: boolean().notNull().default(false),
    dateFormat: text().notNull().default('DD/MM/YYYY'),
    /**
     * No voucher or stock adjustment may be dated before it. The API sets it when it issues a
     * licence (the start of the current financial year unless told otherwise); the default is the
     * same rule for rows written any other way.
     */
    booksStartDate: date({ mode: 'string' })
      .notNull()
      .default(sql`make_date((extract(year from (now() AT TIME ZONE 'Asia/Kolkata')::date - interval '3 months'))::int, 4, 1)`),
    /** How many days after today (India) a voucher or stock adjustment may be dated. */
    maxDaysAhead: integer().notNull().default(3),
    /** Books locked up to this date (BOOKS.md, "Locking"): nothing dated on or before it may be posted or cancelled. */
    booksLockedUntil: date({ mode: 'string' }),
    /**
     * The organisation's aggregate turnover is above ₹5 crore (BOOKS.md, "GST returns"): its
     * invoice lines need an HSN/SAC of 6 digits or more in GSTR-1 (4 up to ₹5 crore).
     */
    turnoverAboveFiveCrore: boolean().notNull().default(false),
    /**
     * The daily payment reminder job (issue 17): off by default; once on, a customer's bill overdue
     * by at least `paymentReminderAfterDays` is reminded, at most once every `paymentReminderEveryDays`.
     */
    paymentRemindersEnabled: boolean().notNull().default(false),
    paymentReminderAfterDays: integer().notNull().default(7),
    paymentReminderEveryDays: integer().notNull().default(7),
    /** Expiring public links to voucher PDFs may be made (share-links module); off by default. */
    shareLinksEnabled: boolean().notNull().default(false),
    /** Org admins and admins must sign in with a second factor (two-factor module). */
    requireTwoFactorForAdmins: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organizations_name_lower_uq').on(sql`lower(${t.name})`),
    index('organizations_status_idx').on(t.status),
    check('organizations_max_users_ck', sql`${t.maxUsers} >= 1`),
    check('organizations_max_days_ahead_ck', sql`${t.maxDaysAhead} BETWEEN 0 AND 366`),
    check(
      'organizations_payment_reminder_days_ck',
      sql`${t.paymentReminderAfterDays} BETWEEN 1 AND 365 AND ${t.paymentReminderEveryDays} BETWEEN 1 AND 365`,
    ),
  ],
);

export const USER_ROLES = ['super_admin', 'org_admin', 'admin', 'standard_user'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().references(() => organizations.id),
    email: text().notNull(),
    fullName: text().notNull(),
    role: text({ enum: USER_ROLES }).notNull(),
    isActive: boolean().notNull().default(true),
    passwordHash: text().notNull(),
    mustChangePassword: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    phone: text(),
    department: text(),
    designation: text(),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [
    // Email is the login and is unique across the platform, compared case-insensitively.
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    index('users_org_role_idx').on(t.organizationId, t.role),
    index('users_org_active_idx').on(t.organizationId, t.isActive),
    check(
      'users_role_org_ck',
      sql`(${t.role} = 'super_admin' AND ${t.organizationId} IS NULL) OR (${t.role} <> 'super_admin' AND ${t.organizationId} IS NOT NULL)`,
    ),
  ],
);

/**
 * One signed-in device. Access tokens name their session, and every request checks that the
 * session, its user and its organisation are still live, so revocation takes effect at once.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid().references(() => organizations.id),
    refreshTokenHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    index('auth_sessions_user_idx').on(t.userId),
    index('auth_sessions_org_idx').on(t.organizationId),
    uniqueIndex('auth_sessions_refresh_uq').on(t.refreshTokenHash),
  ],
);

/**
 * Refresh tokens a session has rotated away from. Presenting one again means the token was copied:
 * the session is revoked (reuse detection). Only SHA-256 hashes are kept.
 */
export const authRefreshTokensUsed = pgTable(
  'auth_refresh_tokens_used',
  {
    tokenHash: text().primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => authSessions.id),
    usedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('auth_refresh_tokens_used_session_idx').on(t.sessionId)],
);

/**
 * The one live forgot-password code of a user (a new request replaces it). The code is kept only
 * as an HMAC under the server's secret key: six digits are too few to survive a leaked table.
 */
export const passwordResetCodes = pgTable('password_reset_codes', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  codeHash: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  attempts: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});
