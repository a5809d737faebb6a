import { stateNameFor, taxIdentityProblems } from '@tritiq/contracts';
import type { Config } from '../../config';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { emailToUser, type EmailPort } from '../../lib/email-port';
import type { RequestMeta } from '../../lib/route';
import type { Principal, TenantPrincipal } from '../../plugins/auth';
import type { AuditWriter } from '../audit/audit.writer';
import { revokeOrganizationSessions } from '../auth/sessions.repo';
import { insertNewAccount, temporaryPassword } from '../users/new-account';
import { countActiveUsers } from '../users/users.repo';
import {
  findOrganization,
  findOrganizationWithCounts,
  insertOrganization,
  listOrganizations,
  lockOrganization,
  updateOrganization,
  type OrganizationFilters,
  type OrganizationRow,
} from './organizations.repo';
import { toOrganizationView, toProfileView, toSettingsView } from './organizations.view';

export interface OrganizationsServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
}

export interface ProfileInput {
  legalName?: string | null;
  gstin?: string | null;
  pan?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  pinCode?: string | null;
  stateCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface LicenceInput extends ProfileInput {
  name: string;
  adminEmail: string;
  adminFullName: string;
  maxUsers?: number;
}

export interface SettingsInput {
  allowNegativeStock?: boolean;
  salesPrefix?: string;
  purchasePrefix?: string;
  dateFormat?: string;
}

const PROFILE_KEYS = [
  'legalName',
  'gstin',
  'pan',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'pinCode',
  'stateCode',
  'phone',
  'email',
] as const;

const SNAKE: Record<string, string> = { stateCode: 'state_code', pan: 'pan', gstin: 'gstin' };

/** What actually changes, as `{ field: { from, to } }`, for the audit row. */
function diff<T extends object>(before: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && from !== to) changes[key] = { from, to };
  }
  return changes;
}

function pickProfile(input: ProfileInput): ProfileInput {
  return Object.fromEntries(PROFILE_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
}

/** The GSTIN must agree with the state code and PAN it will be stored beside (DOMAIN.md). */
function assertConsistentProfile(merged: ProfileInput): void {
  const problems = taxIdentityProblems({ gstin: merged.gstin, pan: merged.pan, stateCode: merged.stateCode });
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_ERROR', `Validation failed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
    errors: problems.map((p) => ({ field: SNAKE[p.field] ?? p.field, message: p.message })),
  });
}

/** A state code given without a state name fills it in. */
function withStateName(profile: ProfileInput, current?: OrganizationRow): ProfileInput {
  const code = profile.stateCode;
  if (code && profile.state === undefined && !current?.state) return { ...profile, state: stateNameFor(code) ?? null };
  return profile;
}

export function createOrganizationsService(deps: OrganizationsServiceDeps) {
  const { sessions, audit, clock } = deps;
  const meta = (m: RequestMeta) => ({ ip: m.ip, userAgent: m.userAgent });
  const actorOf = (p: Principal) => ({ userId: p.userId, email: p.email });

  async function lockOrThrow(tx: Parameters<typeof lockOrganization>[0], organizationId: string) {
    const org = await lockOrganization(tx, organizationId);
    if (!org) throw notFound('Organisation');
    return org;
  }

  async function createLicence(principal: Principal, input: LicenceInput, m: RequestMeta) {
    const profile = withStateName(pickProfile(input));
    assertConsistentProfile(profile);
    const { password, passwordHash } = await temporaryPassword();
    const now = clock.now();
    const { org, admin } = await sessions.transaction(
      async (tx) => {
        const org = await insertOrganization(tx, {
          name: input.name,
          maxUsers: input.maxUsers ?? 5,
          ...profile,
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(tx, {
          organizationId: org.id,
          actor: actorOf(principal),
          action: 'organization.created',
          targetType: 'organization',
          targetId: org.id,
          details: { name: org.name, max_users: org.maxUsers, admin_email: input.adminEmail },
          meta: meta(m),
        });
        const account = { email: input.adminEmail, fullName: input.adminFullName, role: 'org_admin' as const };
        const admin = await insertNewAccount(tx, audit, { organizationId: org.id, account, passwordHash, actor: principal, now, meta: m });
        return { org, admin };
      },
      { label: 'organization.create' },
    );
    const sent = await deps.email.sendNow(
      emailToUser(admin, 'licence_welcome', {
        organization_name: org.name,
        login_email: admin.email,
        temporary_password: password,
        login_url: deps.config.publicUrl,
        max_users: org.maxUsers,
        created_by: principal.fullName,
        admin_contact: principal.email,
      }),
    );
    return {
      message: 'Organization license created successfully',
      organization: toOrganizationView(org, 1),
      admin: { id: admin.id, email: admin.email, fullName: admin.fullName },
      temporaryPassword: password,
      emailSent: sent.sent,
      emailError: sent.error,
      mustChangePassword: true,
    };
  }

  async function listLicences(filters: OrganizationFilters) {
    const { rows, total } = await sessions.run((db) => listOrganizations(db, filters));
    return {
      items: rows.map((r) => toOrganizationView(r.organization, r.activeUsers)),
      total,
      limit: filters.limit,
      offset: filters.offset,
    };
  }

  async function getLicence(organizationId: string) {
    const row = await sessions.run((db) => findOrganizationWithCounts(db, organizationId));
    if (!row) throw notFound('Organisation');
    return toOrganizationView(row.organization, row.activeUsers);
  }

  async function updateLicence(principal: Principal, organizationId: string, patch: { name?: string; maxUsers?: number }, m: RequestMeta) {
    const now = clock.now();
    return sessions.transaction(
      async (tx) => {
        const org = await lockOrThrow(tx, organizationId);
        const active = await countActiveUsers(tx, org.id);
        if (patch.maxUsers !== undefined && patch.maxUsers < active) {
          throw new AppError('CONFLICT', `${active} users are active in this organisation: max_users cannot be below that.`, {
            errors: [{ field: 'max_users', message: `must be at least ${active} (the active users)` }],
          });
        }
        const changes = diff(org, patch);
        if (Object.keys(changes).length === 0) return toOrganizationView(org, active);
        const row = await updateOrganization(tx, org.id, { ...patch, updatedAt: now });
        await audit.record(tx, {
          organizationId: org.id,
          actor: actorOf(principal),
          action: 'organization.updated',
          targetType: 'organization',
          targetId: org.id,
          details: { changes },
          meta: meta(m),
        });
        return toOrganizationView(row, active);
      },
      { label: 'organization.update' },
    );
  }

  /** Suspension locks every user of the organisation out at once: their sessions are revoked too. */
  async function setLicenceStatus(
    principal: Principal,
    organizationId: string,
    status: 'active' | 'suspended',
    reason: string | undefined,
    m: RequestMeta,
  ) {
    const now = clock.now();
    return sessions.transaction(
      async (tx) => {
        const org = await lockOrThrow(tx, organizationId);
        const active = await countActiveUsers(tx, org.id);
        if (org.status === status) return toOrganizationView(org, active);
        const suspending = status === 'suspended';
        const row = await updateOrganization(tx, org.id, {
          status,
          suspendedAt: suspending ? now : null,
          suspendedReason: suspending ? (reason ?? null) : null,
          updatedAt: now,
        });
        const ended = suspending ? await revokeOrganizationSessions(tx, org.id, 'organization_suspended', now) : 0;
        await audit.recordSecurityEvent(tx, {
          organizationId: org.id,
          actor: actorOf(principal),
          action: suspending ? 'organization.suspended' : 'organization.reactivated',
          targetType: 'organization',
          targetId: org.id,
          details: suspending ? { reason: reason ?? null, sessions_ended: ended } : {},
          meta: meta(m),
        });
        return toOrganizationView(row, active);
      },
      { label: `organization.${status}` },
    );
  }

  async function getProfile(principal: TenantPrincipal) {
    const org = await sessions.run((db) => findOrganization(db, principal.organizationId));
    if (!org) throw notFound('Organisation');
    return toProfileView(org);
  }

  /**
   * The org admin's edits of its own organisation: lock the row, work out the patch from what is
   * stored, and write it with its audit event (nothing at all when nothing changes).
   */
  async function patchOwnOrganization<V>(
    principal: TenantPrincipal,
    m: RequestMeta,
    what: { action: 'organization.profile_updated' | 'organization.settings_updated'; view: (row: OrganizationRow) => V },
    patchFor: (org: OrganizationRow) => Partial<OrganizationRow>,
  ): Promise<V> {
    const now = clock.now();
    return sessions.transaction(
      async (tx) => {
        const org = await lockOrThrow(tx, principal.organizationId);
        const patch = patchFor(org);
        const changes = diff(org, patch);
        if (Object.keys(changes).length === 0) return what.view(org);
        const row = await updateOrganization(tx, org.id, { ...patch, updatedAt: now });
        await audit.record(tx, {
          organizationId: org.id,
          actor: actorOf(principal),
          action: what.action,
          targetType: 'organization',
          targetId: org.id,
          details: { changes },
          meta: meta(m),
        });
        return what.view(row);
      },
      { organizationId: principal.organizationId, label: what.action },
    );
  }

  const updateProfile = (principal: TenantPrincipal, input: ProfileInput, m: RequestMeta) =>
    patchOwnOrganization(principal, m, { action: 'organization.profile_updated', view: toProfileView }, (org) => {
      const patch = withStateName(pickProfile(input), org);
      assertConsistentProfile({ ...pickProfile(org), ...patch });
      return patch as Partial<OrganizationRow>;
    });

  async function getSettings(principal: TenantPrincipal) {
    const org = await sessions.run((db) => findOrganization(db, principal.organizationId));
    if (!org) throw notFound('Organisation');
    return toSettingsView(org);
  }

  const updateSettings = (principal: TenantPrincipal, patch: SettingsInput, m: RequestMeta) =>
    patchOwnOrganization(
      principal,
      m,
      { action: 'organization.settings_updated', view: toSettingsView },
      () => patch as Partial<OrganizationRow>,
    );

  return {
    createLicence,
    listLicences,
    getLicence,
    updateLicence,
    setLicenceStatus,
    getProfile,
    updateProfile,
    getSettings,
    updateSettings,
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
