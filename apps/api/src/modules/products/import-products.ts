import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { pricesOf, type ProductCreate } from './products.rules';
import * as repo from './products.repo';

/** Every product's id by lower-cased name and by part number: what an import matches rows against. */
export async function productKeys(
  db: Executor,
  organizationId: string,
): Promise<{ names: Map<string, string>; partNumbers: Map<string, string> }> {
  const rows = await queryRows<{ id: string; name: string; part: string | null }>(
    db,
    sql`SELECT id, lower(name) AS name, part_number AS part FROM products WHERE organization_id = ${organizationId}`,
  );
  return {
    names: new Map(rows.map((r) => [r.name, r.id])),
    partNumbers: new Map(rows.filter((r) => r.part !== null).map((r) => [r.part!, r.id])),
  };
}

/** Writes an import's products inside the caller's transaction, as `createProduct` and `updateProduct` write them (a new one with its stock row). */
export async function writeImportedProducts(
  tx: Executor,
  actor: Actor,
  rows: readonly { id?: string; values: ProductCreate }[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  let updated = 0;
  const inserts: repo.ProductValues[] = [];
  for (const { id, values } of rows) {
    const { unitPrice: _older, salePrice: _sale, purchasePrice: _purchase, ...rest } = values;
    const prices = pricesOf(values);
    const salePrice = prices.salePrice!;
    const fields = { ...rest, salePrice, purchasePrice: prices.purchasePrice ?? salePrice };
    if (id) {
      await repo.updateProduct(tx, actor.organizationId, id, { ...fields, updatedAt: now });
      updated++;
    } else {
      inserts.push({ ...fields, createdBy: actor.userId });
    }
  }
  const created = await repo.insertProducts(tx, actor.organizationId, inserts);
  return { created, updated };
}
