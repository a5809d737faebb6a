import { stateNameFor, taxIdentityProblems } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import type { Principal } from '../../lib/principal';
import { lockOrganization, type OrganizationRow } from './organizations.repo';

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
  bankName?: string | null;
  bankAccountNumber?: string | null;
  bankIfsc?: string | null;
  bankBranch?: string | null;
  upiId?: string | null;
  invoiceTerms?: string | null;
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
  'bankName',
  'bankAccountNumber',
  'bankIfsc',
  'bankBranch',
  'upiId',
  'invoiceTerms',
] as const;

const SNAKE: Record<string, string> = { stateCode: 'state_code', pan: 'pan', gstin: 'gstin' };

export const auditMeta = (m: RequestMeta) => ({ ip: m.ip, userAgent: m.userAgent });
export const auditActor = (p: Principal) => ({ userId: p.userId, email: p.email });

/** What actually changes, as `{ field: { from, to } }`, for the audit row. */
export function diff<T extends object>(before: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && from !== to) changes[key] = { from, to };
  }
  return changes;
}

export function pickProfile(input: ProfileInput): ProfileInput {
  return Object.fromEntries(PROFILE_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
}

/** The GSTIN must agree with the state code and PAN it will be stored beside (DOMAIN.md). */
export function assertConsistentProfile(merged: ProfileInput): void {
  const problems = taxIdentityProblems({ gstin: merged.gstin, pan: merged.pan, stateCode: merged.stateCode });
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_ERROR', `Validation failed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
    errors: problems.map((p) => ({ field: SNAKE[p.field] ?? p.field, message: p.message })),
  });
}

/** A state code given without a state name fills it in. */
export function withStateName(profile: ProfileInput, current?: OrganizationRow): ProfileInput {
  const code = profile.stateCode;
  if (code && profile.state === undefined && !current?.state) return { ...profile, state: stateNameFor(code) ?? null };
  return profile;
}

/**
 * Reads the organisation and locks its row for the rest of the transaction: every change to it or
 * its users takes this lock first, so its limits hold under concurrent requests.
 */
export async function lockOrThrow(tx: Executor, organizationId: string): Promise<OrganizationRow> {
  const org = await lockOrganization(tx, organizationId);
  if (!org) throw notFound('Organisation');
  return org;
}
