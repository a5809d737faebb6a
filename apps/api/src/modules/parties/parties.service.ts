import {
  taxIdentityProblems,
  stateNameFor,
  type Camelized,
  type PartyKind,
  type partyCreateSchema,
  type partySchema,
  type partyUpdateSchema,
} from '@tritiq/contracts';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/errors';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { auditFields, isOrgAdmin, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { changedFields, sentFields } from '../../lib/changes';
import { decodeCursor, pageOf, toIso } from '../../lib/cursor';
import type { AuditWriter } from '../audit/audit.writer';
import * as repo from './parties.repo';

type PartyCreate = Camelized<z.output<typeof partyCreateSchema>>;
type PartyUpdate = Camelized<z.output<typeof partyUpdateSchema>>;
export type PartyView = Camelized<z.output<typeof partySchema>>;

const LABEL: Record<PartyKind, string> = { vendor: 'Vendor', customer: 'Customer' };

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
function completeTaxIdentity<T extends TaxFields>(values: T): T {
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

export interface PartyServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

export function createPartyService(deps: PartyServiceDeps) {
  const { sessions, audit, clock } = deps;

  function duplicateName(kind: PartyKind, name: string) {
    const message = `A ${kind} named "${name}" already exists`;
    return new AppError('DUPLICATE', message, { errors: [{ field: 'name', message }] });
  }

  return {
    async createParty(actor: Actor, kind: PartyKind, input: PartyCreate): Promise<PartyView> {
      const values = completeTaxIdentity({ ...input, createdBy: actor.userId });
      try {
        return await sessions.transaction(
          async (tx) => {
            const row = await repo.insertParty(tx, actor.organizationId, kind, values);
            await audit.record(tx, {
              ...auditFields(actor),
              action: `${kind}.created`,
              targetType: kind,
              targetId: row.id,
              details: { name: row.name, gstin: row.gstin, state_code: row.stateCode },
            });
            return presentParty(row);
          },
          { organizationId: actor.organizationId, label: `${kind}.create` },
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(kind, input.name);
        throw err;
      }
    },

    async getParty(actor: Actor, kind: PartyKind, id: string): Promise<PartyView> {
      const row = await sessions.transaction((tx) => repo.findParty(tx, actor.organizationId, kind, id), {
        organizationId: actor.organizationId,
        readOnly: true,
        label: `${kind}.get`,
      });
      if (!row) throw notFound(LABEL[kind]);
      return presentParty(row);
    },

    async listParties(actor: Actor, kind: PartyKind, query: { search?: string; activeOnly: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, z.tuple([z.string()]));
      const rows = await sessions.transaction(
        (tx) =>
          repo.findParties(tx, actor.organizationId, kind, {
            search: query.search || undefined,
            activeOnly: query.activeOnly,
            limit: query.limit + 1,
            after: after?.[0],
          }),
        { organizationId: actor.organizationId, readOnly: true, label: `${kind}.list` },
      );
      return pageOf(rows, query.limit, presentParty, (r) => [r.name.toLowerCase()]);
    },

    async updateParty(actor: Actor, kind: PartyKind, id: string, input: PartyUpdate): Promise<PartyView> {
      try {
        return await sessions.transaction(
          async (tx) => {
            const current = await repo.findParty(tx, actor.organizationId, kind, id, 'update');
            if (!current) throw notFound(LABEL[kind]);
            // Deactivating is an admin's decision; sending the current value is harmless.
            if (input.isActive !== undefined && input.isActive !== current.isActive && !isOrgAdmin(actor)) {
              throw new AppError('FORBIDDEN', `Only an admin can ${input.isActive ? 'activate' : 'deactivate'} a ${kind}`);
            }
            const { isActive, ...fields } = sentFields(input);
            const sent: Partial<repo.PartyValues> = { ...fields, ...(isActive === undefined ? {} : { isActive }) };
            const merged = completeTaxIdentity({
              gstin: current.gstin,
              pan: current.pan,
              stateCode: current.stateCode,
              state: current.state,
              ...sent,
            });
            const patch: Partial<repo.PartyValues> = {
              ...sent,
              gstin: merged.gstin,
              pan: merged.pan,
              stateCode: merged.stateCode,
              state: merged.state,
            };
            const changes = changedFields(current, patch);
            if (Object.keys(changes).length === 0) return presentParty(current);
            const row = await repo.updateParty(tx, actor.organizationId, kind, id, { ...patch, updatedAt: clock.now() });
            await audit.record(tx, {
              ...auditFields(actor),
              action: input.isActive === false && current.isActive ? `${kind}.deactivated` : `${kind}.updated`,
              targetType: kind,
              targetId: id,
              details: { name: row.name, changes },
            });
            return presentParty(row);
          },
          { organizationId: actor.organizationId, label: `${kind}.update` },
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(kind, input.name ?? '');
        throw err;
      }
    },

    async deleteParty(actor: Actor, kind: PartyKind, id: string): Promise<{ id: string; deleted: true }> {
      return sessions.transaction(
        async (tx) => {
          const current = await repo.findParty(tx, actor.organizationId, kind, id, 'update');
          if (!current) throw notFound(LABEL[kind]);
          if (await repo.isPartyUsed(tx, actor.organizationId, id)) {
            throw new AppError(
              'IN_USE',
              `${LABEL[kind]} "${current.name}" is used by vouchers and cannot be deleted; deactivate it instead`,
            );
          }
          await repo.deleteParty(tx, actor.organizationId, kind, id);
          await audit.record(tx, {
            ...auditFields(actor),
            action: `${kind}.deleted`,
            targetType: kind,
            targetId: id,
            details: { name: current.name, gstin: current.gstin },
          });
          return { id, deleted: true as const };
        },
        { organizationId: actor.organizationId, label: `${kind}.delete` },
      );
    },
  };
}

export type PartyService = ReturnType<typeof createPartyService>;
