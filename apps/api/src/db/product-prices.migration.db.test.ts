import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './client';
import { MIGRATIONS_FOLDER } from './migrate';
import { emptyDatabase, foldersUpTo } from '../test/migration-steps';

/**
 * The migration that gives products a purchase and a sale price, run on products of the old
 * shape (one `unit_price`) in two organisations: both prices come from it, in every organisation
 * (the migrating owner sees all rows under the forced row-level security).
 */
const TAG = '0012_product_purchase_and_sale_prices';

describe(`migration ${TAG}`, () => {
  it('starts both prices of every existing product at its unit price', { timeout: 120_000 }, async () => {
    const { handle, migrate } = await emptyDatabase();
    await migrate(foldersUpTo(TAG));
    const db = handle.db;
    const [a, b] = ['01a00000-0000-7000-8000-00000000000a', '01a00000-0000-7000-8000-00000000000b'];
    await db.execute(sql`INSERT INTO organizations (id, name) VALUES (${a}, 'First'), (${b}, 'Second')`);
    await db.execute(sql`
      INSERT INTO products (id, organization_id, name, unit, unit_price) VALUES
        ('01a00000-0000-7000-8000-0000000000c1', ${a}, 'Bolt', 'PCS', 12.50),
        ('01a00000-0000-7000-8000-0000000000c2', ${b}, 'Nut', 'PCS', 0)`);

    await migrate(MIGRATIONS_FOLDER);

    const rows = await queryRows<{ name: string; purchase_price: string; sale_price: string }>(
      db,
      sql`SELECT name, purchase_price::text, sale_price::text FROM products ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'Bolt', purchase_price: '12.50', sale_price: '12.50' },
      { name: 'Nut', purchase_price: '0.00', sale_price: '0.00' },
    ]);
    const refused = await db.execute(sql`UPDATE products SET purchase_price = -1 WHERE name = 'Bolt'`).then(
      () => null,
      (err: unknown) => String((err as { cause?: unknown }).cause ?? err),
    );
    expect(refused).toContain('products_purchase_price_ck');
  });
});
