import { randomBytes } from 'node:crypto';
import { ORG_ADMIN_ROLES, type Role } from '@tritiq/contracts';
import QRCode from 'qrcode';
import type { Config } from '../../config';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import type { Executor } from '../../db/client';
import type { RequestMeta } from '../../lib/route';
import type { SecretBox } from '../../lib/secret-box';
import type { TokenService } from '../../lib/tokens';
import type { AuditWriter } from '../audit';
import type { SessionUser, SignedIn } from '../auth';
import { base32Encode, generateTotpSecret, otpauthUri } from './totp';
import type { FactorUser } from './two-factor.repo';
import { RECOVERY_CODE_COUNT } from '@tritiq/contracts';

/** A challenge's life: long enough to open the app and type a code, short enough to be useless when stolen later. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Setting up an app at sign-in takes longer (install, scan, type). */
export const ENROL_CHALLENGE_TTL_MS = 15 * 60 * 1000;
/** Wrong codes one challenge takes before it is spent (sign in with the password again). */
export const CHALLENGE_MAX_FAILURES = 5;
/** Wrong codes across all of a user's challenges in the window that lock the second step. */
export const USER_MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 30 * 60 * 1000;

export interface TwoFactorDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  tokens: TokenService;
  secretBox: SecretBox;
  clock: Clock;
  config: Config;
  /** Auth's end of a sign-in: login success, the `auth.login` event, a new session. */
  completeLogin(tx: Executor, user: SessionUser, meta: RequestMeta, details: Record<string, unknown>): Promise<SignedIn>;
}

export const auditMeta = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent });

/** Whether the organisation's rule (admins) or the platform's (super admins) makes a second factor compulsory. */
export function isRequired(user: Pick<FactorUser, 'role' | 'requireTwoFactorForAdmins'>, config: Config): boolean {
  if (user.role === 'super_admin') return config.auth.superAdminRequiresTwoFactor;
  return user.requireTwoFactorForAdmins && (ORG_ADMIN_ROLES as readonly Role[]).includes(user.role);
}

export function sessionUserOf(user: FactorUser): SessionUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: user.organizationName,
    mustChangePassword: user.mustChangePassword,
  };
}

export const secretContext = (userId: string) => `totp:${userId}`;

export async function newSetup(deps: Pick<TwoFactorDeps, 'secretBox' | 'config'>, user: { id: string; email: string }) {
  const secret = generateTotpSecret();
  const uri = otpauthUri({ issuer: deps.config.productName, account: user.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, sealed: deps.secretBox.seal(secret, secretContext(user.id)), setup: { secret, otpauthUri: uri, qrSvg } };
}

export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function hashRecoveryCode(tokens: TokenService, code: string): string {
  return tokens.keyedHash('two-factor-recovery-code', normaliseRecoveryCode(code));
}

/** Ten codes of 50 random bits each, as `ABCDE-23456`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}
