import { isUniqueViolation } from '../../db/errors';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, validationError } from '../../lib/app-error';
import type { AccountsDeps } from './accounts.deps';
import { assertOpenGroup, presentGroup } from './accounts.rules';
import * as repo from './accounts.repo';

export const duplicateGroupName = (name: string) =>
  new AppError('DUPLICATE', `An account group named "${name}" already exists`, {
    errors: [{ field: 'name', message: 'is already used by another group' }],
  });

/** A group of the user's under another group; it takes its primary group's nature (BOOKS.md, "Chart of accounts"). */
export async function createGroup(deps: Pick<AccountsDeps, 'sessions' | 'audit'>, actor: Actor, input: { name: string; parentId: string }) {
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        if (!(await repo.lockGroup(tx, actor.organizationId, input.parentId))) {
          throw validationError('parent_id', 'No account group with this id in your organisation');
        }
        const parent = (await repo.findGroup(tx, actor.organizationId, input.parentId))!;
        assertOpenGroup(parent, 'parent_id');
        const id = await repo.insertGroup(tx, actor.organizationId, { name: input.name, parentId: parent.id, nature: parent.nature });
        await deps.audit.record(tx, {
          ...auditFields(actor),
          action: 'account_group.created',
          targetType: 'account_group',
          targetId: id,
          details: { name: input.name, parent_id: parent.id, parent_name: parent.name, nature: parent.nature },
        });
        return presentGroup((await repo.findGroup(tx, actor.organizationId, id))!);
      },
      tenantTx(actor, 'accounts.group_create'),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateGroupName(input.name);
    throw err;
  }
}
