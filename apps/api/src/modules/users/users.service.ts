import type { Role } from '@tritiq/contracts';
import type { Config } from '../../config';
import type { Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { emailToUser, type EmailPort } from '../../lib/email-port';
import type { RequestMeta } from '../../lib/route';
import type { TenantPrincipal } from '../../plugins/auth';
import type { AuditWriter } from '../audit/audit.writer';
import { lockOrganization, type OrganizationRow } from '../organizations/organizations.repo';
import { insertNewAccount, temporaryPassword, type NewAccount } from './new-account';
import { canManageRole, SELF_EDITABLE } from './users.policy';
import {
  countActiveOrgAdmins,
  countActiveUsers,
  findUserInOrg,
  listUsersInOrg,
  updateUserInOrg,
  type UserFilters,
  type UserRow,
} from './users.repo';
import { recordActiveChange } from './account-active';
import { toUserView } from './users.view';

export interface UsersServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
}

export interface UserPatch {
  email?: string;
  fullName?: string;
  role?: Exclude<Role, 'super_admin'>;
  phone?: string | null;
  department?: string | null;
  designation?: string | null;
}

const userLimitReached = (org: OrganizationRow) =>
  new AppError(
    'USER_LIMIT_REACHED',
    `This organisation has reached its limit of ${org.maxUsers} active users. Deactivate a user, or ask the platform administrator to raise the limit.`,
  );

const lastOrgAdmin = () =>
  new AppError('LAST_ORG_ADMIN', 'An organisation must keep at least one active org admin: make another user org admin first.');

function cannotManage(role: Role) {
  return forbidden(`You cannot manage users with the role ${role}`);
}

export function createUsersService(deps: UsersServiceDeps) {
  const { sessions, audit, clock } = deps;
  const meta = (m: RequestMeta) => ({ ip: m.ip, userAgent: m.userAgent });
  const actorOf = (p: TenantPrincipal) => ({ userId: p.userId, email: p.email });

  /** Locks the caller's organisation (see lockOrganization) and loads the target user within it. */
  async function lockTarget(tx: Executor, principal: TenantPrincipal, userId: string) {
    const org = await lockOrganization(tx, principal.organizationId);
    if (!org) throw notFound('Organisation');
    const user = await findUserInOrg(tx, principal.organizationId, userId, { forUpdate: true });
    if (!user) throw notFound('User');
    return { org, user };
  }

  async function listUsers(principal: TenantPrincipal, filters: UserFilters) {
    const { rows, total } = await sessions.transaction((tx) => listUsersInOrg(tx, principal.organizationId, filters), {
      organizationId: principal.organizationId,
      readOnly: true,
      label: 'user.list',
    });
    return { items: rows.map(toUserView), total, limit: filters.limit, offset: filters.offset };
  }

  async function getUser(principal: TenantPrincipal, userId: string) {
    const user = await sessions.transaction((tx) => findUserInOrg(tx, principal.organizationId, userId), {
      organizationId: principal.organizationId,
      readOnly: true,
      label: 'user.get',
    });
    if (!user) throw notFound('User');
    if (principal.role === 'standard_user' && user.id !== principal.userId) throw forbidden('You can only view your own profile');
    return toUserView(user);
  }

  async function createUser(principal: TenantPrincipal, input: NewAccount, m: RequestMeta) {
    if (!canManageRole(principal.role, input.role)) throw forbidden(`You cannot create users with the role ${input.role}`);
    const { password, passwordHash } = await temporaryPassword();
    const now = clock.now();
    const { user, org } = await sessions.transaction(
      async (tx) => {
        const org = await lockOrganization(tx, principal.organizationId);
        if (!org) throw notFound('Organisation');
        if ((await countActiveUsers(tx, org.id)) >= org.maxUsers) throw userLimitReached(org);
        const user = await insertNewAccount(tx, audit, {
          organizationId: org.id,
          account: input,
          passwordHash,
          actor: principal,
          now,
          meta: m,
        });
        return { user, org };
      },
      { organizationId: principal.organizationId, label: 'user.create' },
    );
    const sent = await deps.email.sendNow(
      emailToUser(user, 'user_welcome', {
        login_email: user.email,
        temporary_password: password,
        organization_name: org.name,
        role: user.role,
        created_by: principal.fullName,
        admin_contact: principal.email,
        login_url: deps.config.publicUrl,
      }),
    );
    return { user: toUserView(user), temporaryPassword: password, emailSent: sent.sent, emailError: sent.error, mustChangePassword: true };
  }

  async function updateUser(principal: TenantPrincipal, userId: string, patch: UserPatch, m: RequestMeta) {
    const now = clock.now();
    const updated = await sessions.transaction(
      async (tx) => {
        const { org, user } = await lockTarget(tx, principal, userId);
        const self = user.id === principal.userId;
        const requested = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof UserPatch, unknown][];
        if (self) {
          if (patch.role !== undefined && patch.role !== user.role) throw forbidden('You cannot change your own role');
          const notAllowed = requested.filter(([k]) => k !== 'role' && !(SELF_EDITABLE as readonly string[]).includes(k));
          if (notAllowed.length)
            throw forbidden(`You cannot change your own ${notAllowed.map(([k]) => k).join(', ')}; ask an administrator`);
        } else {
          if (!canManageRole(principal.role, user.role)) throw cannotManage(user.role);
          if (patch.role !== undefined && !canManageRole(principal.role, patch.role))
            throw forbidden(`You cannot give the role ${patch.role}`);
        }
        const demotingOrgAdmin = patch.role !== undefined && user.role === 'org_admin' && patch.role !== 'org_admin' && user.isActive;
        if (demotingOrgAdmin && (await countActiveOrgAdmins(tx, org.id)) <= 1) throw lastOrgAdmin();
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [key, value] of requested) {
          const before = user[key as keyof UserRow];
          if (before !== value) changes[key] = { from: before, to: value };
        }
        if (Object.keys(changes).length === 0) return user;
        const row = await updateUserInOrg(tx, org.id, user.id, { ...patch, updatedAt: now });
        await audit.record(tx, {
          organizationId: org.id,
          actor: actorOf(principal),
          action: changes.role ? 'user.role_changed' : 'user.updated',
          targetType: 'user',
          targetId: user.id,
          details: { email: row.email, changes },
          meta: meta(m),
        });
        return row;
      },
      { organizationId: principal.organizationId, label: 'user.update' },
    );
    return toUserView(updated);
  }

  async function setActive(principal: TenantPrincipal, userId: string, active: boolean, m: RequestMeta) {
    const now = clock.now();
    const row = await sessions.transaction(
      async (tx) => {
        const { org, user } = await lockTarget(tx, principal, userId);
        if (user.id === principal.userId) throw forbidden(active ? 'You are already active' : 'You cannot deactivate yourself');
        if (!canManageRole(principal.role, user.role)) throw cannotManage(user.role);
        if (user.isActive === active) return user;
        if (active && (await countActiveUsers(tx, org.id)) >= org.maxUsers) throw userLimitReached(org);
        if (!active && user.role === 'org_admin' && (await countActiveOrgAdmins(tx, org.id)) <= 1) throw lastOrgAdmin();
        const updated = await updateUserInOrg(tx, org.id, user.id, { isActive: active, updatedAt: now });
        await recordActiveChange(tx, audit, { organizationId: org.id, principal, user, active, now, meta: m });
        return updated;
      },
      { organizationId: principal.organizationId, label: active ? 'user.reactivate' : 'user.deactivate' },
    );
    return toUserView(row);
  }

  return { listUsers, getUser, createUser, updateUser, setActive };
}

export type UsersService = ReturnType<typeof createUsersService>;
