import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { findProduct } from '../products';
import type { StockDeps } from './stock.deps';
import { presentMovement } from './stock.present';
import { findStockMovements } from './stock.repo';

/** A product's stock movements, each with its cause and the balance after it (keyset on the product's sequence). */
export async function getStockLedger(
  deps: Pick<StockDeps, 'sessions'>,
  actor: Actor,
  productId: string,
  query: { order: 'asc' | 'desc'; limit: number; cursor?: string },
) {
  const after = decodeCursor(query.cursor, z.tuple([z.number().int()]));
  return deps.sessions.transaction(
    async (tx) => {
      const product = await findProduct(tx, actor.organizationId, productId);
      if (!product) throw notFound('Product');
      const rows = await findStockMovements(tx, actor.organizationId, productId, {
        order: query.order,
        limit: query.limit + 1,
        afterSeq: after?.[0],
      });
      const page = pageOf(rows, query.limit, presentMovement, (r) => [r.movement.seq]);
      return { productId: product.id, productName: product.name, unit: product.unit, quantity: product.quantity, ...page };
    },
    { organizationId: actor.organizationId, readOnly: true, label: 'stock.ledger' },
  );
}
