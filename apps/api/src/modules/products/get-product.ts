import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import type { ProductDeps } from './products.deps';
import { presentProduct, type ProductView } from './products.rules';
import * as repo from './products.repo';

export async function getProduct(deps: Pick<ProductDeps, 'sessions'>, actor: Actor, id: string): Promise<ProductView> {
  const { sessions } = deps;
  const row = await sessions.transaction((tx) => repo.findProduct(tx, actor.organizationId, id), tenantTx(actor, 'product.get', true));
  if (!row) throw notFound('Product');
  return presentProduct(row);
}
