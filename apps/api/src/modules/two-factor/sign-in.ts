import { contextFor } from '../../db/session';
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import type { SecondFactorChallenge, SecondFactorGate, SessionUser, SignedIn } from '../auth';
import { matchTotp } from './totp';
import {
  auditMeta,
  CHALLENGE_MAX_FAILURES,
  CHALLENGE_TTL_MS,
  ENROL_CHALLENGE_TTL_MS,
  FAILURE_WINDOW_MS,
  hashRecoveryCode,
  isRequired,
  newRecoveryCodes,
  newSetup,
  secretContext,
  sessionUserOf,
  USER_MAX_FAILURES,
  type TwoFactorDeps,
} from './two-factor.deps';
import {
  claimStep,
  consumeChallenge,
  countChallengeFailure,
  countRecoveryCodesLeft,
  enableFactor,
  findFactor,
  findFactorUser,
  insertChallenge,
  lockChallenge,
  recentFailures,
  replaceRecoveryCodes,
  savePendingFactor,
  useRecoveryCode,
  type ChallengeRow,
  type FactorUser,
} from './two-factor.repo';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const expired = () => new AppError('TOKEN_INVALID', 'This sign-in has expired or was already used: sign in again with your password');

function secondStepLocked(): AppError {
  const seconds = FAILURE_WINDOW_MS / 1000;
  return new AppError('ACCOUNT_LOCKED', 'Too many wrong codes. The second sign-in step is locked: try again in 30 minutes.', {
    retryAfter: seconds,
  });
}

type Outcome<T> = { ok: T } | { error: AppError };

/** Asked by auth after a right password: a challenge when a factor is on or required, else null. */
export function createSecondFactorGate(deps: TwoFactorDeps): SecondFactorGate {
  return {
    async challengeFor(sessionUser: SessionUser, meta: RequestMeta): Promise<SecondFactorChallenge | null> {
      const now = deps.clock.now();
      return deps.sessions.transaction(
        async (tx) => {
          const user = await findFactorUser(tx, sessionUser.id);
          if (!user) return null;
          const factor = await findFactor(tx, user.id);
          const enabled = factor?.enabledAt != null;
          if (!enabled && !isRequired(user, deps.config)) return null;
          if ((await recentFailures(tx, user.id, new Date(now.getTime() - FAILURE_WINDOW_MS))) >= USER_MAX_FAILURES) {
            throw secondStepLocked();
          }
          const token = randomBytes(32).toString('base64url');
          const ttl = enabled ? CHALLENGE_TTL_MS : ENROL_CHALLENGE_TTL_MS;
          await insertChallenge(tx, {
            userId: user.id,
            organizationId: user.organizationId,
            tokenHash: hashToken(token),
            purpose: enabled ? 'verify' : 'enrol',
            expiresAt: new Date(now.getTime() + ttl),
            ip: meta.ip,
            now,
          });
          await deps.audit.record(tx, {
            organizationId: user.organizationId,
            actor: { userId: user.id, email: user.email },
            action: enabled ? 'auth.second_factor_requested' : 'auth.second_factor_enrolment_required',
            targetType: 'user',
            targetId: user.id,
            meta: auditMeta(meta),
          });
          return { challengeToken: token, expiresIn: ttl / 1000, enrolmentRequired: !enabled };
        },
        { ...contextFor(sessionUser.organizationId), label: 'two_factor.challenge' },
      );
    },
  };
}

/**
 * Opens the challenge for an answer, inside `tx`: refuses a spent, expired or foreign-purpose
 * challenge, a user who may no longer sign in, and a locked second step.
 */
async function openChallenge(
  deps: TwoFactorDeps,
  tx: Executor,
  token: string,
  purpose: ChallengeRow['purpose'],
): Promise<Outcome<{ challenge: ChallengeRow; user: FactorUser }>> {
  const now = deps.clock.now();
  const challenge = await lockChallenge(tx, hashToken(token));
  if (!challenge || challenge.consumedAt || challenge.expiresAt <= now || challenge.purpose !== purpose) return { error: expired() };
  const user = await findFactorUser(tx, challenge.userId);
  if (!user || !user.isActive || (user.organizationId && user.organizationStatus !== 'active')) return { error: expired() };
  if ((await recentFailures(tx, user.id, new Date(now.getTime() - FAILURE_WINDOW_MS))) >= USER_MAX_FAILURES) {
    return { error: secondStepLocked() };
  }
  return { ok: { challenge, user } };
}

/** A wrong code: counted on the challenge (spent at the limit) and audited, in the transaction that commits. */
async function refuseCode(
  deps: TwoFactorDeps,
  tx: Executor,
  args: { challenge: ChallengeRow; user: FactorUser; meta: RequestMeta; reason: string; field: string },
): Promise<{ error: AppError }> {
  const now = deps.clock.now();
  const failures = args.challenge.failedAttempts + 1;
  const spent = failures >= CHALLENGE_MAX_FAILURES;
  await countChallengeFailure(tx, args.challenge.id, spent ? now : null);
  await deps.audit.recordSecurityEvent(tx, {
    organizationId: args.user.organizationId,
    actor: { userId: args.user.id, email: args.user.email },
    action: 'auth.second_factor_failed',
    targetType: 'user',
    targetId: args.user.id,
    success: false,
    details: { reason: args.reason, challenge_failures: failures, challenge_spent: spent },
    meta: auditMeta(args.meta),
  });
  if (spent) return { error: new AppError('TOKEN_INVALID', 'Too many wrong codes for this sign-in: sign in again with your password') };
  const message = args.reason === 'code_reused' ? 'This code was already used: wait for the next one' : 'is incorrect';
  return {
    error: new AppError('INVALID_CREDENTIALS', `Incorrect code (${CHALLENGE_MAX_FAILURES - failures} attempts left)`, {
      errors: [{ field: args.field, message }],
    }),
  };
}

async function settle<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  const result = await outcome;
  if ('error' in result) throw result.error;
  return result.ok;
}

export async function verifySignIn(
  deps: TwoFactorDeps,
  input: { challengeToken: string; code?: string; recoveryCode?: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  return settle(
    deps.sessions.transaction(
      async (tx): Promise<Outcome<SignedIn>> => {
        const opened = await openChallenge(deps, tx, input.challengeToken, 'verify');
        if ('error' in opened) return opened;
        const { challenge, user } = opened.ok;
        const now = deps.clock.now();
        const factor = await findFactor(tx, user.id);
        if (!factor?.enabledAt) return { error: expired() };
        let method: 'totp' | 'recovery_code';
        if (input.code !== undefined) {
          method = 'totp';
          const secret = deps.secretBox.open(factor.secretSealed, secretContext(user.id));
          const step = matchTotp(secret, input.code, now, factor.lastUsedStep);
          if (step === null || !(await claimStep(tx, user.id, step, now))) {
            const reused = matchTotp(secret, input.code, now, null) !== null;
            return refuseCode(deps, tx, { challenge, user, meta, reason: reused ? 'code_reused' : 'wrong_code', field: 'code' });
          }
        } else {
          method = 'recovery_code';
          const used = await useRecoveryCode(tx, user.id, hashRecoveryCode(deps.tokens, input.recoveryCode ?? ''), now);
          if (!used) return refuseCode(deps, tx, { challenge, user, meta, reason: 'wrong_recovery_code', field: 'recovery_code' });
          await deps.audit.recordSecurityEvent(tx, {
            organizationId: user.organizationId,
            actor: { userId: user.id, email: user.email },
            action: 'two_factor.recovery_code_used',
            targetType: 'user',
            targetId: user.id,
            details: { recovery_codes_left: await countRecoveryCodesLeft(tx, user.id) },
            meta: auditMeta(meta),
          });
        }
        await consumeChallenge(tx, challenge.id, now);
        return { ok: await deps.completeLogin(tx, sessionUserOf(user), meta, { second_factor: method }) };
      },
      { platform: true, label: 'two_factor.verify' },
    ),
  );
}

/** Sign-in enrolment, step 1: the user must have a factor and has none; the challenge lets them make one. */
export async function setUpWithChallenge(deps: TwoFactorDeps, challengeToken: string) {
  return settle(
    deps.sessions.transaction(
      async (tx) => {
        const opened = await openChallenge(deps, tx, challengeToken, 'enrol');
        if ('error' in opened) return opened;
        const { user } = opened.ok;
        const made = await newSetup(deps, user);
        if (
          !(await savePendingFactor(tx, {
            userId: user.id,
            organizationId: user.organizationId,
            secretSealed: made.sealed,
            now: deps.clock.now(),
          }))
        ) {
          return { error: expired() };
        }
        return { ok: made.setup };
      },
      { platform: true, label: 'two_factor.enrol_setup' },
    ),
  );
}

/** Sign-in enrolment, step 2: the first code turns the factor on, and the sign-in completes. */
export async function enableWithChallenge(
  deps: TwoFactorDeps,
  input: { challengeToken: string; code: string },
  meta: RequestMeta,
): Promise<{ signedIn: SignedIn; recoveryCodes: string[] }> {
  return settle(
    deps.sessions.transaction(
      async (tx): Promise<Outcome<{ signedIn: SignedIn; recoveryCodes: string[] }>> => {
        const opened = await openChallenge(deps, tx, input.challengeToken, 'enrol');
        if ('error' in opened) return opened;
        const { challenge, user } = opened.ok;
        const now = deps.clock.now();
        const factor = await findFactor(tx, user.id);
        if (!factor || factor.enabledAt) {
          return { error: new AppError('CONFLICT', 'Start the set-up first: ask for the QR code with this challenge') };
        }
        const step = matchTotp(deps.secretBox.open(factor.secretSealed, secretContext(user.id)), input.code, now, null);
        if (step === null) return refuseCode(deps, tx, { challenge, user, meta, reason: 'wrong_enrolment_code', field: 'code' });
        const recoveryCodes = await turnOn(deps, tx, user, step, meta, 'sign_in_enrolment');
        await consumeChallenge(tx, challenge.id, now);
        const signedIn = await deps.completeLogin(tx, sessionUserOf(user), meta, { second_factor: 'totp_enrolled' });
        return { ok: { signedIn, recoveryCodes } };
      },
      { platform: true, label: 'two_factor.enrol_enable' },
    ),
  );
}

/** Turns a pending factor on at `step` and issues its recovery codes (answered once, stored hashed). */
export async function turnOn(
  deps: TwoFactorDeps,
  tx: Executor,
  user: { id: string; email: string; organizationId: string | null },
  step: number,
  meta: RequestMeta,
  via: string,
): Promise<string[]> {
  const now = deps.clock.now();
  if (!(await enableFactor(tx, user.id, step, now))) throw new AppError('CONFLICT', 'Two-factor sign-in is already on');
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, {
    userId: user.id,
    organizationId: user.organizationId,
    hashes: codes.map((code) => hashRecoveryCode(deps.tokens, code)),
    now,
  });
  await deps.audit.recordSecurityEvent(tx, {
    organizationId: user.organizationId,
    actor: { userId: user.id, email: user.email },
    action: 'two_factor.enabled',
    targetType: 'user',
    targetId: user.id,
    details: { via, recovery_codes: codes.length },
    meta: auditMeta(meta),
  });
  return codes;
}
