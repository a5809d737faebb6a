import { isUniqueViolation } from '../../db/errors';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { notFound, validationError } from '../../lib/app-error';
import type { AccountsDeps } from './accounts.deps';
import { assertOpenGroup, presentGroup, systemRefusal } from './accounts.rules';
import * as repo from './accounts.repo';
import { duplicateGroupName } from './create-group';

/**
 * Renames or moves a group of the user's. A default group stays as it is (the statements and the
 * posting rules rely on it). A move stays within the group's nature, never under itself, and never
 * into Sundry Debtors/Creditors, Stock-in-Hand or Profit & Loss A/c.
 */
export async function updateGroup(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  id: string,
  input: { name?: string; parentId?: string },
) {
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        if (!(await repo.lockGroup(tx, actor.organizationId, id))) throw notFound('Account group');
        const groups = await repo.findGroups(tx, actor.organizationId);
        const current = groups.find((g) => g.id === id)!;
        const renaming = input.name !== undefined && input.name !== current.name;
        const moving = input.parentId !== undefined && input.parentId !== current.parentId;
        if (current.systemKey !== null && (renaming || moving)) throw systemRefusal('group', current.name, 'renamed or moved');
        if (moving) {
          const parent = groups.find((g) => g.id === input.parentId);
          if (!parent) throw validationError('parent_id', 'No account group with this id in your organisation');
          if (parent.path.includes(id)) throw validationError('parent_id', 'cannot be the group itself or a group under it');
          if (parent.nature !== current.nature) {
            throw validationError(
              'parent_id',
              `must be a group of the same nature (${current.nature}); "${parent.name}" is ${parent.nature}`,
            );
          }
          assertOpenGroup(parent, 'parent_id');
        }
        if (renaming || moving) {
          await repo.updateGroup(tx, actor.organizationId, id, {
            name: input.name,
            parentId: moving ? input.parentId : undefined,
            updatedAt: deps.clock.now(),
          });
          await deps.audit.record(tx, {
            ...auditFields(actor),
            action: 'account_group.updated',
            targetType: 'account_group',
            targetId: id,
            details: {
              ...(renaming ? { name: { from: current.name, to: input.name } } : {}),
              ...(moving ? { parent_id: { from: current.parentId, to: input.parentId } } : {}),
            },
          });
        }
        return presentGroup((await repo.findGroup(tx, actor.organizationId, id))!);
      },
      tenantTx(actor, 'accounts.group_update'),
    );
  } catch (err) {
    if (isUniqueViolation(err) && input.name !== undefined) throw duplicateGroupName(input.name);
    throw err;
  }
}
