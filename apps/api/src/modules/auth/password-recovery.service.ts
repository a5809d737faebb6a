import { timingSafeEqual } from 'node:crypto';
import { contextFor } from '../../db/session';
import { AppError } from '../../lib/app-error';
import { istDateTime } from '../../lib/email-variables';
import type { AppLogger } from '../../lib/logger';
import { generateNumericCode } from '../../lib/password-generator';
import { hashPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import { findUserByEmail, type LoginCandidate } from '../users';
import { emailToUser } from '../../lib/email-port';
import { replacePassword } from './password-replace';
import type { AuthDeps } from './auth.deps';
import { enqueuePasswordChangedNotice } from './password-changed-notice';
import { assertAcceptablePassword } from './password-policy';
import { countResetCodeAttempt, deleteResetCode, findResetCodeForUpdate, upsertResetCode } from './password-recovery.repo';

export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_CODE_MAX_ATTEMPTS = 3;
export const FORGOT_PASSWORD_MESSAGE =
  'If an account exists for this email, a 6-digit code has been sent to it. The code is valid for 10 minutes.';
const INVALID_CODE = 'The code is invalid or has expired. Request a new code.';
const CODE_PURPOSE = 'password-reset-code';
const EMAIL_PURPOSE = 'forgot-password-email';

/** "priya@example.in" -> "p***@example.in": enough for a reader to recognise, not the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

const canSignIn = (c: LoginCandidate | undefined): c is LoginCandidate =>
  c !== undefined && c.user.isActive && (c.user.organizationId === null || c.organizationStatus === 'active');

export function createPasswordRecoveryService(deps: AuthDeps & { logger: AppLogger }) {
  const { sessions, audit, clock, tokens } = deps;
  const codeHash = (userId: string, code: string) => tokens.keyedHash(CODE_PURPOSE, `${userId}:${code}`);
  const auditMeta = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent });

  /**
   * A request that mails no code is audited too (someone probing addresses, or a user who typed
   * theirs wrong), without keeping an address that belongs to nobody: a masked form for a reader,
   * and a keyed hash to match repeated requests for one address (README, "forgot-password").
   */
  async function auditRefusedRequest(email: string, candidate: LoginCandidate | undefined, meta: RequestMeta): Promise<void> {
    const user = candidate?.user;
    const reason = !user ? 'unknown_email' : !user.isActive ? 'account_inactive' : 'organization_suspended';
    await sessions.transaction(
      (tx) =>
        audit.recordSecurityEvent(tx, {
          organizationId: user?.organizationId ?? null,
          actor: null,
          action: 'auth.password_reset_requested',
          targetType: user ? 'user' : null,
          targetId: user?.id ?? null,
          success: false,
          details: { reason, email_masked: maskEmail(email), email_hash: tokens.keyedHash(EMAIL_PURPOSE, email) },
          meta: auditMeta(meta),
        }),
      { ...contextFor(user?.organizationId ?? null), label: 'auth.password_forgot' },
    );
  }

  /**
   * Always answers the same, whether or not the email belongs to anyone: the code is mailed in
   * the background so the answer's timing does not tell either.
   */
  async function requestCode(email: string, meta: RequestMeta): Promise<string> {
    const candidate = await sessions.run((db) => findUserByEmail(db, email), { platform: true, label: 'auth.find_by_email' });
    if (!canSignIn(candidate)) {
      await auditRefusedRequest(email, candidate, meta);
      return FORGOT_PASSWORD_MESSAGE;
    }
    const { user } = candidate;
    const code = generateNumericCode();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS);
    await sessions.transaction(
      async (tx) => {
        await upsertResetCode(tx, user.id, { codeHash: codeHash(user.id, code), now, expiresAt });
        await audit.recordSecurityEvent(tx, {
          organizationId: user.organizationId,
          actor: { userId: user.id, email: user.email },
          action: 'auth.password_reset_requested',
          targetType: 'user',
          targetId: user.id,
          details: { expires_at: expiresAt.toISOString() },
          meta: auditMeta(meta),
        });
      },
      { ...contextFor(user.organizationId), label: 'auth.password_forgot' },
    );
    const expiry = istDateTime(expiresAt);
    void deps.email
      .sendNow(
        emailToUser(user, 'password_forgot_code', {
          otp: code,
          expires_in_minutes: RESET_CODE_TTL_MS / 60_000,
          expires_at: `${expiry.date} ${expiry.time}`,
          organization_name: candidate.organizationName ?? deps.config.productName,
        }),
      )
      .then((result) => {
        if (!result.sent) deps.logger.warn({ user_id: user.id, error: result.error }, 'Forgot-password code could not be emailed');
      });
    return FORGOT_PASSWORD_MESSAGE;
  }

  async function resetWithCode(input: { email: string; code: string; newPassword: string }, meta: RequestMeta): Promise<void> {
    // Checked first, so a weak new password does not use up one of the code's attempts.
    assertAcceptablePassword(input.newPassword, input.email);
    const candidate = await sessions.run((db) => findUserByEmail(db, input.email), { platform: true, label: 'auth.find_by_email' });
    if (!canSignIn(candidate)) throw new AppError('INVALID_RESET_CODE', INVALID_CODE);
    const { user } = candidate;
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock.now();
    const outcome = await sessions.transaction(
      async (tx): Promise<'ok' | 'invalid'> => {
        const row = await findResetCodeForUpdate(tx, user.id);
        if (!row) return 'invalid';
        if (row.expiresAt <= now || row.attempts >= RESET_CODE_MAX_ATTEMPTS) {
          await deleteResetCode(tx, user.id);
          return 'invalid';
        }
        const expected = Buffer.from(row.codeHash, 'hex');
        const given = Buffer.from(codeHash(user.id, input.code), 'hex');
        if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
          const attempts = await countResetCodeAttempt(tx, user.id);
          if (attempts >= RESET_CODE_MAX_ATTEMPTS) await deleteResetCode(tx, user.id);
          await audit.recordSecurityEvent(tx, {
            organizationId: user.organizationId,
            actor: { userId: user.id, email: user.email },
            action: 'auth.password_reset_code_failed',
            targetType: 'user',
            targetId: user.id,
            success: false,
            details: { attempts, code_discarded: attempts >= RESET_CODE_MAX_ATTEMPTS },
            meta: auditMeta(meta),
          });
          return 'invalid';
        }
        await deleteResetCode(tx, user.id);
        await replacePassword(tx, audit, {
          user,
          passwordHash,
          mustChangePassword: false,
          now,
          revokeReason: 'password_reset',
          event: {
            actor: { userId: user.id, email: user.email },
            action: 'auth.password_reset_completed',
            details: { method: 'email_code' },
            meta: auditMeta(meta),
          },
        });
        await enqueuePasswordChangedNotice(tx, deps, { candidate, at: now, how: 'reset with a code', meta });
        return 'ok';
      },
      { ...contextFor(user.organizationId), label: 'auth.password_reset' },
    );
    if (outcome === 'invalid') throw new AppError('INVALID_RESET_CODE', INVALID_CODE);
  }

  return { requestCode, resetWithCode };
}

export type PasswordRecoveryService = ReturnType<typeof createPasswordRecoveryService>;
