import { contextFor } from '../../db/session';
import { AppError, notFound } from '../../lib/app-error';
import { verifyPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../plugins/auth';
import { matchTotp } from './totp';
import { auditMeta, hashRecoveryCode, isRequired, newSetup, secretContext, type TwoFactorDeps } from './two-factor.deps';
import {
  claimStep,
  countRecoveryCodesLeft,
  deleteFactor,
  findFactor,
  findFactorUser,
  savePendingFactor,
  useRecoveryCode,
} from './two-factor.repo';
import { revokeUserSessions } from '../auth';
import { turnOn } from './sign-in';

const txFor = (principal: Principal, label: string) => ({ ...contextFor(principal.organizationId), label });

const wrong = (field: string, message: string) =>
  new AppError('BAD_REQUEST', `${field === 'password' ? 'Password' : 'Code'} ${message}`, { errors: [{ field, message }] });

export async function getMyTwoFactor(deps: TwoFactorDeps, principal: Principal) {
  return deps.sessions.transaction(
    async (tx) => {
      const user = await findFactorUser(tx, principal.userId);
      if (!user) throw notFound('User');
      const factor = await findFactor(tx, principal.userId);
      const enabled = factor?.enabledAt != null;
      return {
        enabled,
        enabledAt: factor?.enabledAt?.toISOString() ?? null,
        required: isRequired(user, deps.config),
        recoveryCodesLeft: enabled ? await countRecoveryCodesLeft(tx, principal.userId) : 0,
      };
    },
    { ...txFor(principal, 'two_factor.status'), readOnly: true },
  );
}

/** A new secret to scan; replaces an unfinished set-up, never a factor that is on. */
export async function setUpMyTwoFactor(deps: TwoFactorDeps, principal: Principal) {
  const made = await newSetup(deps, { id: principal.userId, email: principal.email });
  const saved = await deps.sessions.transaction(
    (tx) =>
      savePendingFactor(tx, {
        userId: principal.userId,
        organizationId: principal.organizationId,
        secretSealed: made.sealed,
        now: deps.clock.now(),
      }),
    txFor(principal, 'two_factor.setup'),
  );
  if (!saved) throw new AppError('CONFLICT', 'Two-factor sign-in is already on: turn it off first to set up another app');
  return made.setup;
}

export async function enableMyTwoFactor(deps: TwoFactorDeps, principal: Principal, code: string, meta: RequestMeta) {
  return deps.sessions.transaction(
    async (tx) => {
      const factor = await findFactor(tx, principal.userId);
      if (!factor) throw new AppError('CONFLICT', 'Start the set-up first: ask for a QR code');
      if (factor.enabledAt) throw new AppError('CONFLICT', 'Two-factor sign-in is already on');
      const step = matchTotp(deps.secretBox.open(factor.secretSealed, secretContext(principal.userId)), code, deps.clock.now(), null);
      if (step === null) throw wrong('code', 'is incorrect: check the time on your phone and type the current code');
      return turnOn(
        deps,
        tx,
        { id: principal.userId, email: principal.email, organizationId: principal.organizationId },
        step,
        meta,
        'security_page',
      );
    },
    txFor(principal, 'two_factor.enable'),
  );
}

/** Turning it off takes the password and a current code (or a recovery code), and is refused where it is required. */
export async function disableMyTwoFactor(
  deps: TwoFactorDeps,
  principal: Principal,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await deps.sessions.transaction((tx) => findFactorUser(tx, principal.userId), {
    ...txFor(principal, 'two_factor.disable'),
    readOnly: true,
  });
  if (!user) throw notFound('User');
  const failure = (reason: string) =>
    deps.sessions.transaction(
      (tx) =>
        deps.audit.recordSecurityEvent(tx, {
          organizationId: user.organizationId,
          actor: { userId: user.id, email: user.email },
          action: 'two_factor.disable_failed',
          targetType: 'user',
          targetId: user.id,
          success: false,
          details: { reason },
          meta: auditMeta(meta),
        }),
      txFor(principal, 'two_factor.disable_failed'),
    );
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await failure('wrong_password');
    throw wrong('password', 'is incorrect');
  }
  if (isRequired(user, deps.config)) {
    throw new AppError('CONFLICT', 'Two-factor sign-in is required for your role and cannot be turned off');
  }
  const outcome = await deps.sessions.transaction(
    async (tx) => {
      const now = deps.clock.now();
      const factor = await findFactor(tx, user.id);
      if (!factor?.enabledAt) return 'not_enabled' as const;
      let accepted: boolean;
      if (/^[0-9]{6}$/.test(input.code)) {
        const step = matchTotp(deps.secretBox.open(factor.secretSealed, secretContext(user.id)), input.code, now, factor.lastUsedStep);
        accepted = step !== null && (await claimStep(tx, user.id, step, now));
      } else {
        accepted = await useRecoveryCode(tx, user.id, hashRecoveryCode(deps.tokens, input.code), now);
      }
      if (!accepted) return 'wrong_code' as const;
      await deleteFactor(tx, user.id);
      // Sessions opened with the second factor lose what they proved: only this one stays.
      const ended = await revokeUserSessions(tx, user.id, 'two_factor_disabled', now, principal.sessionId);
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: user.organizationId,
        actor: { userId: user.id, email: user.email },
        action: 'two_factor.disabled',
        targetType: 'user',
        targetId: user.id,
        details: { other_sessions_ended: ended },
        meta: auditMeta(meta),
      });
      return 'done' as const;
    },
    txFor(principal, 'two_factor.disable'),
  );
  if (outcome === 'not_enabled') throw new AppError('CONFLICT', 'Two-factor sign-in is not on');
  if (outcome === 'wrong_code') {
    await failure('wrong_code');
    throw wrong('code', 'is incorrect or was already used');
  }
}
