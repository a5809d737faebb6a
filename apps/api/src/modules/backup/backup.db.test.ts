import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgHandle, createPgliteHandle, queryRows, type DbHandle } from '../../db/client';
import { knownMigrations } from '../../db/schema-version';
import { silentProgress } from '../../lib/progress';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { createPgTestDatabase, testDriver } from '../../test/test-db';
import {
  BackupError,
  createBackup,
  readBackupManifest,
  restorePgBackup,
  restorePgliteBackup,
  runScheduledBackup,
  type RestoreResult,
} from '.';

/** A backup and its restore, on the driver of the running project: the same rows come back and pass the integrity check. */

const { loggers } = captureLoggers('silent');
const logger = loggers.database;
let t: TestApp;
let pgUrl: string | undefined;
let dir: string;
let file: string;
let voucherId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tritiq-backup-'));
  file = path.join(dir, 'books.bak');
  if (testDriver() === 'pg') {
    // The owner's login: a backup reads every organisation.
    pgUrl = await createPgTestDatabase();
    t = await buildTestApp({
      handle: createPgHandle({ url: pgUrl, poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, logger),
    });
  } else {
    t = await buildTestApp();
  }
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.user.token, { state_code: '29' });
  const product = await createProduct(t, tenant.user.token, { unit_price: '250.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-08-01',
    items: [{ product_id: product.id, quantity: '3' }],
  });
  expect(res.statusCode).toBe(201);
  voucherId = (res.json() as { id: string }).id;
}, 90_000);

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

async function snapshotOf(db: DbHandle['db']) {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`SELECT (SELECT count(*) FROM vouchers)::int AS vouchers, (SELECT count(*) FROM ledger_entries)::int AS entries,
               (SELECT count(*) FROM audit_events)::int AS events, (SELECT grand_total FROM vouchers WHERE id = ${voucherId}) AS grand_total,
               (SELECT sum(quantity)::text FROM stock_balances) AS stock`,
  );
  return row;
}

/** Restores `backup` into a new database; returns what came back, then closes it. */
async function restoreIntoNew(backup: string, options: { replace?: boolean; into?: string } = {}) {
  if (testDriver() === 'pg') {
    const url = options.into ?? (await createPgTestDatabase({ empty: true }));
    const handle = createPgHandle({ url, poolSize: 1, poolTimeoutMs: 5_000, statementTimeoutMs: 0 }, logger);
    try {
      const result = await restorePgBackup({
        file: backup,
        handle,
        pgUrl: url,
        replace: options.replace ?? false,
        logger,
        progress: silentProgress,
      });
      return { result, rows: await snapshotOf(handle.db), url };
    } finally {
      await handle.close();
    }
  }
  const dataDir = options.into ?? (await mkdtemp(path.join(dir, 'restored-')));
  const result: RestoreResult = await restorePgliteBackup({
    file: backup,
    dataDir,
    replace: options.replace ?? false,
    logger,
    progress: silentProgress,
  });
  const handle = await createPgliteHandle({ dataDir });
  try {
    return { result, rows: await snapshotOf(handle.db), url: dataDir };
  } finally {
    await handle.close();
  }
}

describe('backup and restore', () => {
  it('restores every row of the backup into a new database that passes the integrity check', { timeout: 120_000 }, async () => {
    const before = await snapshotOf(t.handle.db);
    const made = await createBackup({
      handle: t.handle,
      pgUrl,
      appVersion: '9.9.9',
      file,
      progress: silentProgress,
      now: new Date('2026-12-05T10:00:00Z'),
    });
    const latest = knownMigrations().at(-1)!;
    expect(made.manifest).toMatchObject({
      format: 'tritiq-backup',
      app_version: '9.9.9',
      driver: testDriver(),
      created_at: '2026-12-05T10:00:00.000Z',
      schema_migration: { tag: latest.tag, when: latest.when },
      counts: { organizations: 1, vouchers: 1 },
    });
    expect((await readBackupManifest(file)).manifest).toEqual(made.manifest);

    const { result, rows, url } = await restoreIntoNew(file);
    expect(result.integrity.ok).toBe(true);
    expect(result.integrity.totals.vouchers).toBe(1);
    expect(rows).toEqual(before);
    expect(before!.grand_total).toBe('885.00');

    // A database is there now: refused without --replace, replaced with it.
    await expect(restoreIntoNew(file, { into: url })).rejects.toThrow(/already holds.*--replace.*nothing was restored/);
    const again = await restoreIntoNew(file, { into: url, replace: true });
    expect(again.result.integrity.ok).toBe(true);
    expect(again.rows).toEqual(before);
    if (testDriver() === 'pglite') expect(again.result.replacedDir).toMatch(/pgdata\.replaced-/);
  });

  it(
    'refuses a damaged file, a newer schema, the other driver and what is not a backup, restoring nothing',
    { timeout: 60_000 },
    async () => {
      const bytes = await readFile(file);
      const { manifest, payloadOffset } = await readBackupManifest(file);

      const damaged = path.join(dir, 'damaged.bak');
      const flipped = Buffer.from(bytes);
      flipped[payloadOffset + 100] = flipped[payloadOffset + 100]! ^ 0xff;
      await writeFile(damaged, flipped);
      await expect(restoreIntoNew(damaged)).rejects.toThrow(/damaged: its checksum does not match the manifest.*nothing was restored/);

      const truncated = path.join(dir, 'truncated.bak');
      await writeFile(truncated, bytes.subarray(0, bytes.length - 10));
      await expect(restoreIntoNew(truncated)).rejects.toThrow(/damaged: the dump has \d+ bytes where the manifest says/);

      const rewrite = async (name: string, change: object) => {
        const out = path.join(dir, name);
        const header = `TRITIQ-BACKUP 1\n${JSON.stringify({ ...manifest, ...change })}\n`;
        await writeFile(out, Buffer.concat([Buffer.from(header), bytes.subarray(payloadOffset)]));
        return out;
      };
      const newer = await rewrite('newer.bak', { schema_migration: { tag: '0099_from_the_future', when: Date.now() + 1e10, count: 99 } });
      await expect(restoreIntoNew(newer)).rejects.toThrow(
        /made by a newer version of TRITIQ ERP.*0099_from_the_future.*upgrade TRITIQ ERP first/,
      );

      const other = await rewrite('other.bak', { driver: testDriver() === 'pg' ? 'pglite' : 'pg' });
      await expect(restoreIntoNew(other)).rejects.toThrow(/is a backup of .* and cannot be restored into/);

      const notOurs = path.join(dir, 'notes.txt');
      await writeFile(notOurs, 'name,amount\nA,1\n');
      const err = await restoreIntoNew(notOurs).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect((err as Error).message).toContain('is not a TRITIQ ERP backup');
    },
  );

  it('a scheduled backup keeps the newest BACKUP_KEEP of its own files and leaves other files alone', { timeout: 60_000 }, async () => {
    const backups = await mkdtemp(path.join(dir, 'scheduled-'));
    await writeFile(path.join(backups, 'notes.txt'), 'mine');
    const options = { handle: t.handle, pgUrl, dir: backups, keep: 2, appVersion: '9.9.9', logger };
    for (const at of ['2026-12-03T02:00:00Z', '2026-12-04T02:00:00Z', '2026-12-05T02:00:00Z'])
      await runScheduledBackup(options, new Date(at));
    expect((await readdir(backups)).sort()).toEqual([
      'notes.txt',
      'tritiq-backup-20261204T020000000Z.bak',
      'tritiq-backup-20261205T020000000Z.bak',
    ]);
    const { manifest } = await readBackupManifest(path.join(backups, 'tritiq-backup-20261205T020000000Z.bak'));
    expect(manifest.created_at).toBe('2026-12-05T02:00:00.000Z');
    expect(manifest.counts.vouchers).toBe(1);
  });
});
