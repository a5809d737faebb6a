import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgHandle } from '../db/client';
import { createCustomer, createProduct, adjustStock, postVoucher } from '../test/business';
import { createTenant } from '../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../test/harness';
import { createPgTestDatabase } from '../test/test-db';

/** `npm run backup` and `npm run restore` as an operator runs them: processes, exit codes, their one-line summaries. */

const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function run(
  script: string,
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(API_ROOT, 'src/cli', script), ...args],
      { cwd: API_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INIT_CWD: API_ROOT, ...env }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

let t: TestApp;
let source: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tritiq-backup-cli-'));
  source = await createPgTestDatabase();
  const { loggers } = captureLoggers();
  t = await buildTestApp({
    handle: createPgHandle({ url: source, poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database),
  });
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.user.token, { state_code: '27' });
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '5' });
  await adjustStock(t, tenant.admin.token, product.id, '5');
  await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-08-01',
    items: [{ product_id: product.id, quantity: '1' }],
  });
}, 60_000);

afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('backup and restore on the command line', () => {
  it('backs up, restores into an empty database, refuses to overwrite without --replace', { timeout: 180_000 }, async () => {
    const file = path.join(dir, 'nightly.bak');
    const backup = await run('backup.ts', { DATABASE_URL: source }, [file]);
    expect(backup.code).toBe(0);
    // Progress lines (every 5 s in a log) may come first; the summary is the last line.
    expect(backup.stderr).toMatch(
      /(^|\n)Backup of the PostgreSQL database \S+ at 127\.0\.0\.1:\d+ written to \S+nightly\.bak \([\d.]+ KB; schema 00\d\d_\w+, 1 organisations, 1 vouchers; sha256 [0-9a-f]{12}…\) in [\d.]+ s\n$/,
    );

    const target = await createPgTestDatabase({ empty: true });
    const restored = await run('restore.ts', { DATABASE_URL: target }, [file]);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(
      /(^|\n)Restored the backup of \S+ \(app [\d.]+, schema 00\d\d_\w+, 1 organisations, 1 vouchers\) into the PostgreSQL database \S+ at 127\.0\.0\.1:\d+; integrity check passed in [\d.]+ s\n$/,
    );

    const again = await run('restore.ts', { DATABASE_URL: target }, [file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds \d+ tables: restore into an empty database, or pass --replace/);

    const replaced = await run('restore.ts', { DATABASE_URL: target }, [file, '--replace']);
    expect(replaced.code).toBe(0);

    const missing = await run('restore.ts', { DATABASE_URL: target }, [path.join(dir, 'nope.bak')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no file');
    const usage = await run('backup.ts', { DATABASE_URL: source }, []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run backup -- <file>');
  });
});
