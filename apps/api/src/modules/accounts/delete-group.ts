import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import type { AccountsDeps } from './accounts.deps';
import { systemRefusal } from './accounts.rules';
import * as repo from './accounts.repo';

/** Deletes an empty group of the user's: not a default group, none with sub-groups or ledgers (409 naming why). */
export async function deleteGroup(deps: Pick<AccountsDeps, 'sessions' | 'audit'>, actor: Actor, id: string) {
  return deps.sessions.transaction(
    async (tx) => {
      if (!(await repo.lockGroup(tx, actor.organizationId, id))) throw notFound('Account group');
      const group = (await repo.findGroup(tx, actor.organizationId, id))!;
      if (group.systemKey !== null) throw systemRefusal('group', group.name, 'deleted');
      if (group.childCount > 0 || group.ledgerCount > 0) {
        const parts = [
          group.childCount > 0 ? `${group.childCount} sub-group${group.childCount === 1 ? '' : 's'}` : '',
          group.ledgerCount > 0 ? `${group.ledgerCount} ledger${group.ledgerCount === 1 ? '' : 's'}` : '',
        ].filter(Boolean);
        throw new AppError('IN_USE', `Account group "${group.name}" has ${parts.join(' and ')}: move or delete them first`);
      }
      await repo.deleteGroup(tx, actor.organizationId, id);
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'account_group.deleted',
        targetType: 'account_group',
        targetId: id,
        details: { name: group.name, parent_id: group.parentId },
      });
      return { id, deleted: true as const };
    },
    tenantTx(actor, 'accounts.group_delete'),
  );
}
