import type { Role } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { generatePassword } from '../../lib/password-generator';
import { hashPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import type { AuditWriter } from '../audit';
import { insertUser, type UserRow } from './users.repo';

/** A password its owner did not choose: shown once to the creator, emailed to the owner, hashed here. */
export async function temporaryPassword(): Promise<{ password: string; passwordHash: string }> {
  const password = generatePassword();
  return { password, passwordHash: await hashPassword(password) };
}

export interface NewAccount {
  email: string;
  fullName: string;
  role: Exclude<Role, 'super_admin'>;
  phone?: string | null;
  department?: string | null;
  designation?: string | null;
}

/** Inserts an organisation's user who must change the password at first sign-in, and audits it. */
export async function insertNewAccount(
  tx: Executor,
  audit: AuditWriter,
  args: { organizationId: string; account: NewAccount; passwordHash: string; actor: Principal; now: Date; meta: RequestMeta },
): Promise<UserRow> {
  const { account, now } = args;
  const user = await insertUser(tx, args.organizationId, {
    email: account.email,
    fullName: account.fullName,
    role: account.role,
    phone: account.phone ?? null,
    department: account.department ?? null,
    designation: account.designation ?? null,
    passwordHash: args.passwordHash,
    mustChangePassword: true,
    createdBy: args.actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  await audit.record(tx, {
    organizationId: args.organizationId,
    actor: { userId: args.actor.userId, email: args.actor.email },
    action: 'user.created',
    targetType: 'user',
    targetId: user.id,
    details: { email: user.email, role: user.role, full_name: user.fullName },
    meta: { ip: args.meta.ip, userAgent: args.meta.userAgent },
  });
  return user;
}
