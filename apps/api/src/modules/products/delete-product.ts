import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import type { ProductDeps } from './products.deps';
import * as repo from './products.repo';

/** Deletes a product no voucher line or stock movement names (409 otherwise: deactivate it instead). */
export async function deleteProduct(
  deps: Pick<ProductDeps, 'sessions' | 'audit'>,
  actor: Actor,
  id: string,
): Promise<{ id: string; deleted: true }> {
  return deps.sessions.transaction(
    async (tx) => {
      const current = await repo.lockProduct(tx, actor.organizationId, id);
      if (!current) throw notFound('Product');
      if (await repo.isProductUsed(tx, actor.organizationId, id)) {
        throw new AppError(
          'IN_USE',
          `Product "${current.name}" has vouchers or stock movements and cannot be deleted; deactivate it instead`,
        );
      }
      await repo.deleteProduct(tx, actor.organizationId, id);
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'product.deleted',
        targetType: 'product',
        targetId: id,
        details: { name: current.name },
      });
      return { id, deleted: true as const };
    },
    tenantTx(actor, 'product.delete'),
  );
}
