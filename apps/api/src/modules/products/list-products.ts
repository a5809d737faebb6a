import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { ProductDeps } from './products.deps';
import { presentProduct } from './products.rules';
import * as repo from './products.repo';

export async function listProducts(
  deps: Pick<ProductDeps, 'sessions'>,
  actor: Actor,
  query: { search?: string; activeOnly: boolean; limit: number; cursor?: string },
) {
  const { sessions } = deps;
  const after = decodeCursor(query.cursor, z.tuple([z.string()]));
  const rows = await sessions.transaction(
    (tx) =>
      repo.findProducts(tx, actor.organizationId, {
        search: query.search || undefined,
        activeOnly: query.activeOnly,
        limit: query.limit + 1,
        after: after?.[0],
      }),
    tenantTx(actor, 'product.list', true),
  );
  return pageOf(rows, query.limit, presentProduct, (r) => [r.name.toLowerCase()]);
}
