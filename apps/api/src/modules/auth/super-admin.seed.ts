import { describePasswordProblems } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { generatePassword } from '../../lib/password-generator';
import { hashPassword } from '../../lib/passwords';
import { emailInUse, insertUser, superAdminExists } from '../users';
import { newPasswordProblems } from './password-policy';

/** An arbitrary constant: two processes starting on one empty database create one super admin. */
const SEED_LOCK_KEY = 727_274_002;

export class SuperAdminSeedError extends Error {}

export type SeedOutcome = 'exists' | 'created' | 'not_configured';

/**
 * First start: the platform's super admin from SUPER_ADMIN_EMAIL / SUPER_ADMIN_PASSWORD. Without a
 * password one is generated, printed once (never logged) and must be changed at first login.
 * Does nothing once any super admin exists. There is no default account and no default password.
 */
export async function ensureSuperAdmin(deps: AppDeps, print: (text: string) => void): Promise<SeedOutcome> {
  const log = deps.loggers.app;
  if (await deps.sessions.run((db) => superAdminExists(db), { platform: true })) return 'exists';
  const { email, password: configured } = deps.config.superAdmin;
  if (!email) {
    log.warn('No super admin exists yet: set SUPER_ADMIN_EMAIL (and optionally SUPER_ADMIN_PASSWORD) and restart to create one');
    return 'not_configured';
  }
  if (configured) {
    const problems = newPasswordProblems(configured, email);
    if (problems.length) throw new SuperAdminSeedError(`SUPER_ADMIN_PASSWORD is not acceptable: ${describePasswordProblems(problems)}`);
  }
  const password = configured ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const created = await deps.sessions.transaction(
    async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if (await superAdminExists(tx)) return false;
      if (await emailInUse(tx, email)) {
        throw new SuperAdminSeedError(`SUPER_ADMIN_EMAIL ${email} already belongs to an organisation's user; choose another address`);
      }
      const user = await insertUser(tx, null, {
        email: email.toLowerCase(),
        fullName: 'Super Admin',
        role: 'super_admin',
        passwordHash,
        mustChangePassword: !configured,
        createdAt: now,
        updatedAt: now,
      });
      await deps.audit.recordSecurityEvent(tx, {
        organizationId: null,
        actor: null,
        action: 'platform.super_admin_created',
        targetType: 'user',
        targetId: user.id,
        details: { email: user.email, password_source: configured ? 'SUPER_ADMIN_PASSWORD' : 'generated' },
      });
      return true;
    },
    { platform: true, label: 'platform.seed_super_admin' },
  );
  if (!created) return 'exists';
  log.info({ email }, 'Created the platform super admin');
  if (!configured) {
    print(
      [
        '',
        '==============================================================================',
        ` Super admin created: ${email}`,
        ` Temporary password:  ${password}`,
        ' It is shown only this once and must be changed at the first sign-in.',
        '==============================================================================',
        '',
      ].join('\n'),
    );
  }
  return 'created';
}
