import { isUniqueViolation } from '../../db/errors';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { notFound, validationError } from '../../lib/app-error';
import type { AccountsDeps } from './accounts.deps';
import { assertOpenGroup, partyLedgerRefusal, presentLedger, systemRefusal, type LedgerView } from './accounts.rules';
import * as repo from './accounts.repo';
import { duplicateLedgerName } from './create-ledger';

/**
 * Renames, moves, deactivates or reactivates a ledger (BOOKS.md, "Chart of accounts"). A party's
 * ledger follows its party (409: change the party). A default ledger may be renamed and moved
 * within its nature but not deactivated (the posting rules write to it). Any other ledger may move
 * to a group of another nature only while nothing is posted to it and it has no opening balance:
 * afterwards that would move its history between the balance sheet and the profit and loss.
 */
export async function updateLedger(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  id: string,
  input: { name?: string; groupId?: string; isActive?: boolean },
): Promise<LedgerView> {
  let groupName = '';
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        if (!(await repo.lockLedger(tx, actor.organizationId, id))) throw notFound('Ledger');
        const current = (await repo.findLedger(tx, actor.organizationId, id))!;
        groupName = current.groupName;
        const renaming = input.name !== undefined && input.name !== current.name;
        const moving = input.groupId !== undefined && input.groupId !== current.groupId;
        const activating = input.isActive !== undefined && input.isActive !== current.isActive;
        if (!renaming && !moving && !activating) return presentLedger(current);
        if (current.partyId !== null)
          throw partyLedgerRefusal(current, renaming ? 'rename' : activating ? 'deactivate or reactivate' : 'change');
        if (current.systemKey !== null && activating) throw systemRefusal('ledger', current.name, 'deactivated');
        if (moving) {
          if (!(await repo.lockGroup(tx, actor.organizationId, input.groupId!))) {
            throw validationError('group_id', 'No account group with this id in your organisation');
          }
          const target = (await repo.findGroup(tx, actor.organizationId, input.groupId!))!;
          groupName = target.name;
          assertOpenGroup(target, 'group_id');
          if (target.nature !== current.nature) {
            if (current.systemKey !== null) throw systemRefusal('ledger', current.name, `moved to another nature (${target.nature})`);
            if (current.hasEntries || current.openingBalance !== '0.00') {
              throw validationError(
                'group_id',
                `must be a group of the same nature (${current.nature}): "${current.name}" has ${current.hasEntries ? 'entries' : 'an opening balance'}`,
              );
            }
          }
        }
        await repo.updateLedger(tx, actor.organizationId, id, {
          name: renaming ? input.name : undefined,
          groupId: moving ? input.groupId : undefined,
          isActive: activating ? input.isActive : undefined,
          updatedAt: deps.clock.now(),
        });
        await deps.audit.record(tx, {
          ...auditFields(actor),
          action: activating && !renaming && !moving ? (input.isActive ? 'ledger.reactivated' : 'ledger.deactivated') : 'ledger.updated',
          targetType: 'ledger',
          targetId: id,
          details: {
            name: current.name,
            ...(renaming ? { renamed: { from: current.name, to: input.name } } : {}),
            ...(moving ? { group_id: { from: current.groupId, to: input.groupId } } : {}),
            ...(activating ? { is_active: input.isActive } : {}),
          },
        });
        return presentLedger((await repo.findLedger(tx, actor.organizationId, id))!);
      },
      tenantTx(actor, 'accounts.ledger_update'),
    );
  } catch (err) {
    if (isUniqueViolation(err) && input.name !== undefined) throw duplicateLedgerName(input.name, groupName);
    throw err;
  }
}
