import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { ProductDeps } from './products.deps';
import { presentProduct, duplicate, pricesOf, type ProductView, type ProductCreate } from './products.rules';
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
        const { unitPrice: _older, salePrice: _sale, purchasePrice: _purchase, ...rest } = input;
        const prices = pricesOf(input);
        // The schema requires sale_price or unit_price, so a sale price is always there.
        const salePrice = prices.salePrice!;
        const row = await repo.insertProduct(tx, actor.organizationId, {
          ...rest,
          salePrice,
          purchasePrice: prices.purchasePrice ?? salePrice,
          createdBy: actor.userId,
        });
        await audit.record(tx, {
          ...auditFields(actor),
          action: 'product.created',
          targetType: 'product',
          targetId: row.id,
          details: {
            name: row.name,
            sale_price: row.salePrice,
            purchase_price: row.purchasePrice,
            gst_rate: row.gstRate,
            hsn_code: row.hsnCode,
          },
        });
        return presentProduct(row);
      },
      tenantTx(actor, 'product.create'),
    );
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
}
