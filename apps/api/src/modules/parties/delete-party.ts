import type { PartyKind } from '@tritiq/contracts';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import type { PartyDeps } from './parties.deps';
import { LABEL } from './parties.rules';
import * as repo from './parties.repo';

/** Deletes a vendor or customer no voucher names (409 otherwise: deactivate it instead). */
export async function deleteParty(
  deps: Pick<PartyDeps, 'sessions' | 'audit'>,
  actor: Actor,
  kind: PartyKind,
  id: string,
): Promise<{ id: string; deleted: true }> {
  return deps.sessions.transaction(
    async (tx) => {
      const current = await repo.findParty(tx, actor.organizationId, kind, id, 'update');
      if (!current) throw notFound(LABEL[kind]);
      if (await repo.isPartyUsed(tx, actor.organizationId, id)) {
        throw new AppError('IN_USE', `${LABEL[kind]} "${current.name}" is used by vouchers and cannot be deleted; deactivate it instead`);
      }
      await repo.deleteParty(tx, actor.organizationId, kind, id);
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: `${kind}.deleted`,
        targetType: kind,
        targetId: id,
        details: { name: current.name, gstin: current.gstin },
      });
      return { id, deleted: true as const };
    },
    tenantTx(actor, `${kind}.delete`),
  );
}
