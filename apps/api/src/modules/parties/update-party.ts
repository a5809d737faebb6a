import type { PartyKind } from '@tritiq/contracts';
import { isUniqueViolation } from '../../db/errors';
import { auditFields, isOrgAdmin, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { changedFields, sentFields } from '../../lib/changes';
import { updatePartyLedger } from '../books';
import type { PartyDeps } from './parties.deps';
import { LABEL, presentParty, completeTaxIdentity, duplicateName, type PartyView } from './parties.rules';
import type { PartyUpdate } from './parties.rules';
import * as repo from './parties.repo';

export async function updateParty(
  deps: Pick<PartyDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  kind: PartyKind,
  id: string,
  input: PartyUpdate,
): Promise<PartyView> {
  const { sessions, audit, clock } = deps;
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
        const now = clock.now();
        const row = await repo.updateParty(tx, actor.organizationId, kind, id, { ...patch, updatedAt: now });
        // Its ledger is named after it and lives as long as it does.
        if (row.name !== current.name || row.isActive !== current.isActive) {
          await updatePartyLedger(tx, actor.organizationId, id, { name: row.name, isActive: row.isActive, updatedAt: now });
        }
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
}
