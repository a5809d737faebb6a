import { createHash } from 'node:crypto';

/**
 * Who may keep guessing a password, and how fast (README, "Sign-in lockout").
 *
 * - A source (the client's address) that gets an account's password wrong `sourceThreshold` times
 *   in a row is locked out of that account for `sourceLockMs`. Only that source: the owner, and
 *   everyone else, still signs in from elsewhere, so five wrong passwords no longer lock an
 *   account for everyone (the old lockout was a denial of service anyone who knew an email had).
 * - Failures from every source together are counted per account; past `accountFreeFailures`
 *   within `accountWindowMs`, each further failure makes the account wait before the next
 *   attempt (1 s, 2 s, 4 s, … up to `accountMaxDelayMs`): guessing from many addresses is slowed
 *   to a crawl, and the owner waits seconds at most, never half an hour.
 * - Unknown emails are counted, locked and slowed exactly as known ones, so neither the answer
 *   nor the lock tells whether an account exists.
 * - A new password (changed, reset with an emailed code, or reset by an administrator) clears
 *   every lock and count of the account; a successful sign-in clears its own source's count.
 */
export const LOGIN_POLICY = {
  sourceThreshold: 5,
  sourceLockMs: 30 * 60 * 1000,
  /** A source's failures further apart than this start counting again. */
  sourceWindowMs: 30 * 60 * 1000,
  accountFreeFailures: 10,
  accountWindowMs: 15 * 60 * 1000,
  accountMaxDelayMs: 30 * 1000,
} as const;

export type LoginPolicy = typeof LOGIN_POLICY;

/** The `source` of an account's row that counts failures from every source. */
export const ALL_SOURCES = '*';

/** The key of an email's counters, whether or not an account has it (what outsiders typed is not stored). */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

export interface FailureCount {
  failures: number;
  lastFailedAt: Date | null;
  blockedUntil: Date | null;
}

export const NO_FAILURES: FailureCount = { failures: 0, lastFailedAt: null, blockedUntil: null };

/** A source row after one more failure: at the threshold it is locked, and its count starts again. */
export function nextSourceCount(row: FailureCount, now: Date, policy: LoginPolicy = LOGIN_POLICY): FailureCount {
  const stale = !row.lastFailedAt || now.getTime() - row.lastFailedAt.getTime() > policy.sourceWindowMs;
  const failures = (stale ? 0 : row.failures) + 1;
  if (failures >= policy.sourceThreshold) {
    return { failures: 0, lastFailedAt: now, blockedUntil: new Date(now.getTime() + policy.sourceLockMs) };
  }
  return { failures, lastFailedAt: now, blockedUntil: row.blockedUntil };
}

/** The account's row after one more failure from any source: past the free failures, a growing wait. */
export function nextAccountCount(row: FailureCount, now: Date, policy: LoginPolicy = LOGIN_POLICY): FailureCount {
  const stale = !row.lastFailedAt || now.getTime() - row.lastFailedAt.getTime() > policy.accountWindowMs;
  const failures = (stale ? 0 : row.failures) + 1;
  const over = failures - policy.accountFreeFailures;
  if (over <= 0) return { failures, lastFailedAt: now, blockedUntil: null };
  const delay = Math.min(1000 * 2 ** Math.min(over - 1, 30), policy.accountMaxDelayMs);
  return { failures, lastFailedAt: now, blockedUntil: new Date(now.getTime() + delay) };
}

/** Whole seconds until `until`, at least 1 (for Retry-After). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
