import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { findProducts } from '../products';
import type { StockDeps } from './stock.deps';
import { presentStockItem } from './stock.present';

/** Quantity on hand per active product, by name (keyset), optionally only those at or below their reorder level. */
export async function listStock(
  deps: Pick<StockDeps, 'sessions'>,
  actor: Actor,
  query: { search?: string; lowStockOnly: boolean; limit: number; cursor?: string },
) {
  const after = decodeCursor(query.cursor, z.tuple([z.string()]));
  const rows = await deps.sessions.transaction(
    (tx) =>
      findProducts(tx, actor.organizationId, {
        search: query.search || undefined,
        activeOnly: true,
        lowStockOnly: query.lowStockOnly,
        limit: query.limit + 1,
        after: after?.[0],
      }),
    { organizationId: actor.organizationId, readOnly: true, label: 'stock.list' },
  );
  return pageOf(rows, query.limit, presentStockItem, (r) => [r.name.toLowerCase()]);
}
