import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import type { AccountsDeps } from './accounts.deps';
import { partyLedgerRefusal, systemRefusal } from './accounts.rules';
import * as repo from './accounts.repo';

/**
 * Deletes a ledger of the user's that nothing is posted to and that has no opening balance. A
 * ledger with entries is kept for its history: deactivate it instead (409 saying so). A default
 * ledger is never deleted; a party's goes with its party.
 */
export async function deleteLedger(deps: Pick<AccountsDeps, 'sessions' | 'audit'>, actor: Actor, id: string) {
  return deps.sessions.transaction(
    async (tx) => {
      if (!(await repo.lockLedger(tx, actor.organizationId, id))) throw notFound('Ledger');
      const ledger = (await repo.findLedger(tx, actor.organizationId, id))!;
      if (ledger.partyId !== null) throw partyLedgerRefusal(ledger, 'delete');
      if (ledger.systemKey !== null) throw systemRefusal('ledger', ledger.name, 'deleted');
      if (ledger.hasEntries) {
        throw new AppError('IN_USE', `Ledger "${ledger.name}" has entries and cannot be deleted; deactivate it instead`);
      }
      if (ledger.openingBalance !== '0.00') {
        throw new AppError('IN_USE', `Ledger "${ledger.name}" has an opening balance of ${ledger.openingBalance}: set it to zero first`);
      }
      await repo.deleteLedger(tx, actor.organizationId, id);
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'ledger.deleted',
        targetType: 'ledger',
        targetId: id,
        details: { name: ledger.name, group_id: ledger.groupId, group_name: ledger.groupName },
      });
      return { id, deleted: true as const };
    },
    tenantTx(actor, 'accounts.ledger_delete'),
  );
}
