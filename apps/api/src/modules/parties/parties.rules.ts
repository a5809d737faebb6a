import {
  stateNameFor,
  taxIdentityProblems,
  type Camelized,
  type PartyKind,
  type partyCreateSchema,
  type partySchema,
  type partyUpdateSchema,
} from '@tritiq/contracts';
import type { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { toIso } from '../../lib/cursor';
import type * as repo from './parties.repo';

export type PartyCreate = Camelized<z.output<typeof partyCreateSchema>>;
export type PartyUpdate = Camelized<z.output<typeof partyUpdateSchema>>;
export type PartyView = Camelized<z.output<typeof partySchema>>;

export const LABEL: Record<PartyKind, string> = { vendor: 'Vendor', customer: 'Customer' };

export function presentParty(row: repo.PartyRow): PartyView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contactNumber: row.contactNumber,
    email: row.email,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    state: row.state,
    pinCode: row.pinCode,
    stateCode: row.stateCode,
    gstin: row.gstin,
    pan: row.pan,
    creditDays: row.creditDays,
    isActive: row.isActive,
    createdAt: toIso(row.createdAt)!,
    updatedAt: toIso(row.updatedAt)!,
  };
}

type TaxFields = Pick<repo.PartyValues, 'gstin' | 'pan' | 'stateCode' | 'state'>;

/**
 * A GSTIN carries the state code and the PAN: fill them in when they were left out, then check
 * that the three agree (DOMAIN.md). The state's name follows its code when not given.
 */
export function completeTaxIdentity<T extends TaxFields>(values: T): T {
  const out = { ...values };
  if (out.gstin) {
    out.stateCode ??= out.gstin.slice(0, 2);
    out.pan ??= out.gstin.slice(2, 12);
  }
  if (out.stateCode && !out.state) out.state = stateNameFor(out.stateCode) ?? null;
  const problems = taxIdentityProblems({ gstin: out.gstin, pan: out.pan, stateCode: out.stateCode });
  if (problems.length > 0) {
    throw new AppError('VALIDATION_ERROR', `${problems[0]!.field}: ${problems[0]!.message}`, { errors: problems });
  }
  return out;
}

export function duplicateName(kind: PartyKind, name: string) {
  const message = `A ${kind} named "${name}" already exists`;
  return new AppError('DUPLICATE', message, { errors: [{ field: 'name', message }] });
}
