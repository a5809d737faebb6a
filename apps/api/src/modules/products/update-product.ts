import { auditFields, isOrgAdmin, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { changedFields, sentFields } from '../../lib/changes';
import type { ProductDeps } from './products.deps';
import { presentProduct, duplicate, pricesOf, type ProductView, type ProductUpdate } from './products.rules';
import * as repo from './products.repo';

export async function updateProduct(
  deps: Pick<ProductDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  id: string,
  input: ProductUpdate,
): Promise<ProductView> {
  const { sessions, audit, clock } = deps;
  try {
    return await sessions.transaction(
      async (tx) => {
        const current = await repo.lockProduct(tx, actor.organizationId, id);
        if (!current) throw notFound('Product');
        if (input.isActive !== undefined && input.isActive !== current.isActive && !isOrgAdmin(actor)) {
          throw new AppError('FORBIDDEN', `Only an admin can ${input.isActive ? 'activate' : 'deactivate'} a product`);
        }
        const { unitPrice: _older, salePrice: _sale, purchasePrice: _purchase, ...rest } = input;
        const patch = { ...sentFields(rest), ...pricesOf(input) };
        const changes = changedFields(current, patch);
        if (Object.keys(changes).length > 0) {
          await repo.updateProduct(tx, actor.organizationId, id, { ...patch, updatedAt: clock.now() });
          await audit.record(tx, {
            ...auditFields(actor),
            action: input.isActive === false && current.isActive ? 'product.deactivated' : 'product.updated',
            targetType: 'product',
            targetId: id,
            details: { name: patch.name ?? current.name, changes },
          });
        }
        return presentProduct((await repo.findProduct(tx, actor.organizationId, id))!);
      },
      tenantTx(actor, 'product.update'),
    );
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
}
