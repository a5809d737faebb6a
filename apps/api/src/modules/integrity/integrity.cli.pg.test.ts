import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgHandle } from '../../db/client';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { createPgTestDatabase, ownerDb } from '../../test/test-db';
import { CHECKS } from './index';

/** `npm run check:integrity` as an operator (or a fault drill) runs it: a process, its exit code and its output. */

const API_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runCli(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(API_ROOT, 'src/cli/check-integrity.ts'), ...args],
      { cwd: API_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INIT_CWD: API_ROOT, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

let t: TestApp;
let url: string;
let voucherNumber: string;
let voucherId: string;

beforeAll(async () => {
  url = await createPgTestDatabase();
  const { loggers } = captureLoggers();
  const handle = createPgHandle({ url, poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database);
  t = await buildTestApp({ handle });
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.user.token, { state_code: '27' });
  const product = await createProduct(t, tenant.user.token, { unit_price: '250.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-08-01',
    items: [{ product_id: product.id, quantity: '2' }],
  });
  ({ voucher_number: voucherNumber, id: voucherId } = res.json() as { voucher_number: string; id: string });
}, 60_000);

afterAll(() => t.close());

describe('check:integrity as a process', () => {
  it(
    'exits 0 with a short summary on a clean database, 1 with the report on a corrupted one, 2 when it cannot check',
    { timeout: 120_000 },
    async () => {
      const clean = await runCli({ DATABASE_URL: url });
      // stderr carries only progress (a line every 5 s when not a terminal); the report is on stdout.
      expect(clean.stderr.split('\n').filter((l) => l && !/^Integrity check: checking \d\/7 \(\d+%\) .* \([\d.]+ s\)$/.test(l))).toEqual(
        [],
      );
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/^Integrity check passed \(PostgreSQL\): 1 organisations, 1 vouchers, 1 lines, 2 stock ledger rows/);
      // The heading and one line per check, nothing more.
      expect(clean.stdout.trim().split('\n')).toHaveLength(1 + Object.keys(CHECKS).length);

      await ownerDb(t.deps.handle).execute(sql`UPDATE vouchers SET grand_total = grand_total + 10 WHERE id = ${voucherId}`);
      const broken = await runCli({ DATABASE_URL: url });
      expect(broken.code).toBe(1);
      // The header's totals, its ledger entries and its bill each disagree with the new grand total.
      expect(broken.stdout).toContain(`Integrity check FAILED (PostgreSQL): 4 thing(s) wrong in 3 of ${Object.keys(CHECKS).length} checks`);
      expect(broken.stdout).toContain(`(id ${voucherId}): party ledger entry: expected 600.00 (its posting rule), found 590.00`);
      expect(broken.stdout).toContain(
        `sales voucher ${voucherNumber} (id ${voucherId}): grand_total: expected 590.00 (lines' total rounded to the rupee), found 600.00`,
      );

      const usage = await runCli({ DATABASE_URL: url }, ['--max-problems', 'lots']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--max-problems must be a whole number');

      const refused = await runCli({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('Could not check the PostgreSQL database nowhere at 127.0.0.1:1: connect ECONNREFUSED');

      const empty = await mkdtemp(path.join(tmpdir(), 'tritiq-integrity-'));
      try {
        const none = await runCli({ DATA_DIR: empty });
        expect(none.code).toBe(2);
        expect(none.stderr).toContain(`There is no database in ${empty}`);
      } finally {
        await rm(empty, { recursive: true, force: true });
      }
    },
  );
});
