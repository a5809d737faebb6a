import type { PartyKind } from '@tritiq/contracts';
import { isUniqueViolation } from '../../db/errors';
import { auditFields, type Actor } from '../../lib/actor';
import { insertPartyLedger } from '../books';
import type { PartyDeps } from './parties.deps';
import { presentParty, completeTaxIdentity, duplicateName, type PartyView } from './parties.rules';
import type { PartyCreate } from './parties.rules';
import * as repo from './parties.repo';

export async function createParty(
  deps: Pick<PartyDeps, 'sessions' | 'audit'>,
  actor: Actor,
  kind: PartyKind,
  input: PartyCreate,
): Promise<PartyView> {
  const { sessions, audit } = deps;
  const values = completeTaxIdentity({ ...input, createdBy: actor.userId });
  try {
    return await sessions.transaction(
      async (tx) => {
        const row = await repo.insertParty(tx, actor.organizationId, kind, values);
        await insertPartyLedger(tx, actor.organizationId, { ...row, kind });
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
}
