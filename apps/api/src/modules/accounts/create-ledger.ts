import { isUniqueViolation } from '../../db/errors';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, validationError } from '../../lib/app-error';
import { getBusinessSettings } from '../organizations';
import type { AccountsDeps } from './accounts.deps';
import { assertOpenGroup, presentLedger, signedOpening, type LedgerView } from './accounts.rules';
import * as repo from './accounts.repo';
import { assertOpeningsOpen } from './opening.rules';

export const duplicateLedgerName = (name: string, groupName: string) =>
  new AppError('DUPLICATE', `A ledger named "${name}" already exists under "${groupName}"`, {
    errors: [{ field: 'name', message: 'is already used by another ledger of this group' }],
  });

/**
 * A ledger of the user's (a bank account, an expense, a loan, capital…) under a group, with an
 * optional opening balance as on the books start date (refused under the books lock).
 */
export async function createLedger(
  deps: Pick<AccountsDeps, 'sessions' | 'audit'>,
  actor: Actor,
  input: { name: string; groupId: string; openingBalance?: { amount: string; side: 'debit' | 'credit' } },
): Promise<LedgerView> {
  let groupName = '';
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        if (!(await repo.lockGroup(tx, actor.organizationId, input.groupId))) {
          throw validationError('group_id', 'No account group with this id in your organisation');
        }
        const group = (await repo.findGroup(tx, actor.organizationId, input.groupId))!;
        groupName = group.name;
        assertOpenGroup(group, 'group_id');
        const opening = input.openingBalance ? signedOpening(input.openingBalance) : '0.00';
        if (opening !== '0.00') assertOpeningsOpen(await getBusinessSettings(tx, actor.organizationId));
        const id = await repo.insertLedger(tx, actor.organizationId, {
          name: input.name,
          groupId: group.id,
          openingBalance: opening,
          createdBy: actor.userId,
        });
        await deps.audit.record(tx, {
          ...auditFields(actor),
          action: 'ledger.created',
          targetType: 'ledger',
          targetId: id,
          details: { name: input.name, group_id: group.id, group_name: group.name, opening_balance: opening },
        });
        return presentLedger((await repo.findLedger(tx, actor.organizationId, id))!);
      },
      tenantTx(actor, 'accounts.ledger_create'),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateLedgerName(input.name, groupName);
    throw err;
  }
}
