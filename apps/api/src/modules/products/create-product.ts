import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { ProductDeps } from './products.deps';
import { presentProduct, duplicate, type ProductView, type ProductCreate } from './products.rules';
import * as repo from './products.repo';

export async function createProduct(
  deps: Pick<ProductDeps, 'sessions' | 'audit'>,
  actor: Actor,
  input: ProductCreate,
): Promise<ProductView> {
  const { sessions, audit } = deps;
  try {
    return await sessions.transaction(
      async (tx) => {
        const row = await repo.insertProduct(tx, actor.organizationId, { ...input, createdBy: actor.userId });
        await audit.record(tx, {
          ...auditFields(actor),
          action: 'product.created',
          targetType: 'product',
          targetId: row.id,
          details: { name: row.name, unit_price: row.unitPrice, gst_rate: row.gstRate, hsn_code: row.hsnCode },
        });
        return presentProduct(row);
      },
      tenantTx(actor, 'product.create'),
    );
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
}
