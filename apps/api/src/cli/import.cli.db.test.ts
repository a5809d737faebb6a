import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgHandle, createPgliteHandle, queryRows, type DbHandle } from '../db/client';
import { createTenant } from '../test/factories';
import { buildTestApp, captureLoggers } from '../test/harness';
import { createPgTestDatabase, testDriver } from '../test/test-db';

/**
 * `npm run import` as an operator runs it, on the driver of the running project (the server by
 * DATABASE_URL, the embedded database by DATA_DIR): a process, its exit code, its report and its
 * one-line summary, and what it wrote.
 */

const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { loggers } = captureLoggers('silent');

let dir: string;
let env: Record<string, string>;
let tenant: Awaited<ReturnType<typeof createTenant>>;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(API_ROOT, 'src/cli/import.ts'), ...args],
      { cwd: API_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INIT_CWD: dir, ...env }, timeout: 240_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** The database as its owner, opened for one look and closed again (the embedded one admits one process at a time). */
async function look<T>(fn: (db: DbHandle['db']) => Promise<T>): Promise<T> {
  const handle =
    testDriver() === 'pg'
      ? createPgHandle({ url: env.DATABASE_URL!, poolSize: 1, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database)
      : await createPgliteHandle({ dataDir: env.DATA_DIR! });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tritiq-import-cli-'));
  let handle: DbHandle;
  if (testDriver() === 'pg') {
    env = { DATABASE_URL: await createPgTestDatabase() };
    handle = createPgHandle({ url: env.DATABASE_URL!, poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database);
  } else {
    env = { DATA_DIR: path.join(dir, 'data') };
    handle = await createPgliteHandle({
      dataDir: env.DATA_DIR,
      loadDataDir: new Blob([await readFile(inject('pgliteSnapshot'))]),
    });
  }
  const t = await buildTestApp({ handle });
  tenant = await createTenant(t.deps, { stateCode: '27' });
  await t.close();
}, 90_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it(
    'reports a dry run by row and column (exit 1), imports the fixed file as one audited import (exit 0)',
    { timeout: 600_000 },
    async () => {
      const header = 'Item Name,SKU,HSN/SAC,UOM,Rate,GST %,Opening Qty';
      await writeFile(
        path.join(dir, 'items.csv'),
        [header, 'Brass Hinge,BH-1,8302,PCS,120.50,18,4', 'Steel Bolt,SB-1,7318,BOX,80,7,', 'brass hinge,BH-2,8302,PCS,10,18,'].join('\n'),
      );
      // A relative file name is read from where the command was typed (INIT_CWD).
      const dry = await run(['--org', tenant.org.id, '--kind', 'products', 'items.csv', '--dry-run']);
      expect(dry.code, dry.stderr).toBe(1);
      expect(dry.stdout).toContain(
        'Columns: Item Name -> name; SKU -> part_number; HSN/SAC -> hsn_code; UOM -> unit; Rate -> sale_price; GST % -> gst_rate; Opening Qty -> (ignored)',
      );
      expect(dry.stdout).toMatch(/\nrow 3, GST %: .*\n/);
      expect(dry.stdout).toContain('row 4, Item Name: "brass hinge" is also on row 2');
      expect(dry.stderr).toMatch(
        new RegExp(
          `(^|\\n)Dry run of 3 rows of items\\.csv \\(products\\) into ${tenant.org.name} as ${tenant.orgAdmin.email}: 2 problem\\(s\\), nothing written \\(1 to create, 0 to update once fixed\\) in [\\d.]+ s\\n$`,
        ),
      );
      // The same file without --dry-run is refused whole.
      const refused = await run(['--org', tenant.org.id, '--kind', 'products', path.join(dir, 'items.csv')]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('row 4, Item Name: "brass hinge" is also on row 2');
      expect(refused.stderr).toMatch(/2 problem\(s\) in items\.csv: nothing was imported/);

      const countProducts = () =>
        look(async (db) => {
          const [row] = await queryRows<{ n: number }>(
            db,
            sql`SELECT count(*)::int AS n FROM products WHERE organization_id = ${tenant.org.id}`,
          );
          return row!.n;
        });
      expect(await countProducts()).toBe(0);

      await writeFile(
        path.join(dir, 'items.csv'),
        [header, 'Brass Hinge,BH-1,8302,PCS,120.50,18,4', 'Steel Bolt,SB-1,7318,BOX,80,12,', 'Copper Wire,CW-1,7408,PCS,10,18,'].join('\n'),
      );
      // By the organisation's name, in another case, recorded as the admin named by --as.
      const done = await run(['--org', tenant.org.name.toUpperCase(), '--kind', 'products', 'items.csv', '--as', tenant.admin.email]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).not.toMatch(/^row /m);
      expect(done.stderr).toMatch(
        new RegExp(
          `(^|\\n)Imported 3 rows of items\\.csv \\(products\\) into ${tenant.org.name} as ${tenant.admin.email}: 3 created, 0 updated in [\\d.]+ s\\n$`,
        ),
      );
      expect(await countProducts()).toBe(3);

      // Opening stock for two of them, the kind as written on the command line, a column mapped by hand.
      await writeFile(path.join(dir, 'stock.csv'), ['Article,Opening Qty,Rate', 'Brass Hinge,10,100', 'CW-1,5,8'].join('\n'));
      const stock = await run(['--org', tenant.org.id, '--kind', 'opening-stock', 'stock.csv', '--map', 'Article=product']);
      expect(stock.code, stock.stdout + stock.stderr).toBe(0);
      expect(stock.stderr).toMatch(/Imported 2 rows of stock\.csv \(opening stock\) into .*: 2 created, 0 updated in [\d.]+ s\n$/);

      const seen = await look(async (db) => ({
        stock: await queryRows<{ name: string; quantity: string; value: string }>(
          db,
          sql`SELECT p.name, b.quantity::text AS quantity, b.value::text AS value FROM stock_balances b JOIN products p ON p.id = b.product_id
            WHERE b.organization_id = ${tenant.org.id} ORDER BY p.name`,
        ),
        events: await queryRows<{ actor_email: string; details: { kind: string; rows: number; created: number } }>(
          db,
          sql`SELECT actor_email, details FROM audit_events WHERE organization_id = ${tenant.org.id} AND action = 'import.completed' ORDER BY seq`,
        ),
      }));
      expect(seen.stock).toEqual([
        { name: 'Brass Hinge', quantity: '10.000', value: '1000.00' },
        { name: 'Copper Wire', quantity: '5.000', value: '40.00' },
        { name: 'Steel Bolt', quantity: '0.000', value: '0.00' },
      ]);
      expect(seen.events.map((e) => [e.actor_email, e.details.kind, e.details.rows, e.details.created])).toEqual([
        [tenant.admin.email, 'products', 3, 3],
        [tenant.orgAdmin.email, 'opening_stock', 2, 2],
      ]);
    },
  );

  it('refuses bad usage with exit 2 and the usage or the reason', { timeout: 600_000 }, async () => {
    await writeFile(path.join(dir, 'one.csv'), 'Name\nRao Traders\n');
    const noOrg = await run(['--kind', 'customers', 'one.csv']);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('Name the organisation with --org');
    expect(noOrg.stderr).toContain('Usage: npm run import -- --org <id or name> --kind <customers|vendors|products|opening-stock|');
    const badKind = await run(['--org', tenant.org.id, '--kind', 'ledgers', 'one.csv']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--kind must be one of customers, vendors, products, opening-stock, ledger-openings, opening-bills');
    const badMap = await run(['--org', tenant.org.id, '--kind', 'customers', 'one.csv', '--map', 'Name=colour']);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toMatch(/--map "Name=colour": the customers fields are name, /);
    const noFile = await run(['--org', tenant.org.id, '--kind', 'customers', 'missing.csv']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Cannot read missing.csv');
    const noOrgThere = await run(['--org', 'Nobody Traders', '--kind', 'customers', 'one.csv']);
    expect(noOrgThere.code).toBe(2);
    expect(noOrgThere.stderr).toContain('No organisation is named "Nobody Traders" or has that id');
    const notAdmin = await run(['--org', tenant.org.id, '--kind', 'customers', 'one.csv', '--as', tenant.user.email]);
    expect(notAdmin.code).toBe(2);
    expect(notAdmin.stderr).toContain(`${tenant.user.email} is not an active admin of ${tenant.org.name}`);
    await writeFile(path.join(dir, 'empty.csv'), '');
    const empty = await run(['--org', tenant.org.id, '--kind', 'customers', 'empty.csv']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Could not import into .*: .*is empty/);
  });
});
