import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from '../../test/business';
import { bearer, createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { checkIntegrity, formatReport, type CheckId, type IntegrityProblem, type IntegrityReport } from './index';
import { ownerDb, ownerHandle } from '../../test/test-db';

/**
 * Real data made through the API, checked clean; then corrupted one way at a time through the
 * test's admin connection (the login that owns the tables, as an operator with database access
 * would), checked, and put back, so each test sees exactly its own corruption.
 */

let t: TestApp;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
interface Posted {
  id: string;
  voucher_number: string;
  items: { product_id: string; cgst_amount: string; taxable_amount: string }[];
  taxable_amount: string;
  cgst_amount: string;
}
const v: Record<string, Posted> = {};
let products: Record<string, string> = {};

async function post(token: string, type: 'sales' | 'purchase', payload: Record<string, unknown>): Promise<Posted> {
  const res = await postVoucher(t, token, type, payload);
  if (res.statusCode !== 201) throw new Error(`voucher answered ${res.statusCode}: ${res.body}`);
  return res.json() as Posted;
}

/** Runs statements one at a time (PGlite's extended protocol takes one per query); each ends a line with `;`. */
async function run(sqlText: string): Promise<void> {
  for (const statement of sqlText.split(/;\s*\n/)) await ownerDb(t.deps.handle).execute(sql.raw(statement));
}

async function check(): Promise<IntegrityReport> {
  return checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 20 });
}

/** Applies `corrupt`, runs the checker, then `restore`s, so every test starts from the clean data. */
async function withCorruption(corrupt: string, restore: string): Promise<IntegrityReport> {
  await run(corrupt);
  try {
    return await check();
  } finally {
    await run(restore);
  }
}

function problemsOf(report: IntegrityReport, check: CheckId): IntegrityProblem[] {
  return report.problems.filter((p) => p.check === check);
}

function failedChecks(report: IntegrityReport): CheckId[] {
  return report.checks.filter((c) => c.problemCount > 0).map((c) => c.id);
}

beforeAll(async () => {
  t = await buildTestApp();
  a = await createTenant(t.deps, { stateCode: '27', name: `Integrity A ${Date.now()}` });
  b = await createTenant(t.deps, { stateCode: '29' });
  const token = a.user.token;
  const local = await createCustomer(t, token, { state_code: '27' });
  const away = await createCustomer(t, token, { state_code: '29', gstin: gstinFor('29') });
  const vendor = await createVendor(t, token, { state_code: '27' });
  const farVendor = await createVendor(t, token, { state_code: '33' });
  const widget = await createProduct(t, token, { unit_price: '500.00', gst_rate: '18' });
  const inclusive = await createProduct(t, token, { unit_price: '105.00', gst_rate: '5', is_gst_inclusive: true });
  const odd = await createProduct(t, token, { unit_price: '199.99', gst_rate: '12' });
  products = { widget: widget.id, inclusive: inclusive.id, odd: odd.id };
  await adjustStock(t, a.admin.token, odd.id, '100');

  v.purchase = await post(token, 'purchase', {
    vendor_id: vendor.id,
    date: '2025-05-02',
    items: [
      { product_id: widget.id, quantity: '20' },
      { product_id: inclusive.id, quantity: '30.5', discount_percentage: '2.5' },
    ],
  });
  v.farPurchase = await post(token, 'purchase', {
    vendor_id: farVendor.id,
    date: '2025-05-03',
    items: [{ product_id: odd.id, quantity: '7' }],
  });
  v.s1 = await post(token, 'sales', {
    customer_id: local.id,
    date: '2025-06-01',
    items: [
      { product_id: widget.id, quantity: '2', discount_percentage: '10' },
      { product_id: odd.id, quantity: '3', discount_percentage: '10' },
      { product_id: widget.id, quantity: '1' },
    ],
  });
  v.s2 = await post(token, 'sales', { customer_id: away.id, date: '2025-06-02', items: [{ product_id: inclusive.id, quantity: '3' }] });
  v.s3 = await post(token, 'sales', {
    customer_id: local.id,
    date: '2025-06-03',
    items: [{ product_id: odd.id, quantity: '1.255', unit_price: '84.50' }],
  });
  v.s4 = await post(token, 'sales', { customer_id: local.id, date: '2025-06-04', items: [{ product_id: widget.id, quantity: '1' }] });
  v.nextYear = await post(token, 'sales', { customer_id: local.id, date: '2026-04-01', items: [{ product_id: widget.id, quantity: '1' }] });
  const cancel = await t.app.inject({
    method: 'POST',
    url: `/api/v1/vouchers/sales/${v.s4.id}/cancel`,
    headers: bearer(a.admin.token),
    payload: { reason: 'Entered twice' },
  });
  if (cancel.statusCode !== 200) throw new Error(`cancel answered ${cancel.statusCode}: ${cancel.body}`);

  const bCustomer = await createCustomer(t, b.user.token, { state_code: '27' });
  const bProduct = await createProduct(t, b.user.token, { unit_price: '84.31', gst_rate: '18' });
  await adjustStock(t, b.admin.token, bProduct.id, '5');
  v.b1 = await post(b.user.token, 'sales', {
    customer_id: bCustomer.id,
    date: '2025-07-01',
    items: [{ product_id: bProduct.id, quantity: '1' }],
  });
}, 120_000);

afterAll(() => t.close());

describe('a clean database', () => {
  it('passes every check, and says how much it read', async () => {
    const report = await check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'voucher_totals',
      'line_gst',
      'stock_balances',
      'stock_ledger',
      'numbering',
      'voucher_stock',
      'gst_returns_books',
      'gst_filed_untouched',
      'audit_chain',
    ]);
    expect(report.totals.vouchers).toBe(8);
    expect(report.totals.voucherLines).toBe(11);
    // 11 posting rows, 1 reversal, 2 adjustments.
    expect(report.totals.ledgerRows).toBe(14);
    expect(report.totals.auditEvents).toBeGreaterThan(8);
    expect(formatReport(report)).toMatch(/^Integrity check passed \(.+\): 2 organisations, 8 vouchers, 11 lines, 14 stock ledger rows/);
  });
});

describe('finds each kind of corruption and names it', () => {
  it('a header amount that is not the sum of its lines', async () => {
    const report = await withCorruption(
      `UPDATE vouchers SET taxable_amount = taxable_amount + 1 WHERE id = '${v.s1!.id}'`,
      `UPDATE vouchers SET taxable_amount = taxable_amount - 1 WHERE id = '${v.s1!.id}'`,
    );
    expect(report.ok).toBe(false);
    expect(failedChecks(report)).toEqual(['voucher_totals']);
    const [problem] = problemsOf(report, 'voucher_totals');
    const taxable = Number(v.s1!.taxable_amount);
    expect(problem).toMatchObject({
      organizationId: a.org.id,
      organizationName: a.org.name,
      voucherId: v.s1!.id,
      voucherNumber: v.s1!.voucher_number,
      field: 'taxable_amount',
      expected: `${taxable.toFixed(2)} (sum of 3 line(s))`,
      found: (taxable + 1).toFixed(2),
    });
    const text = formatReport(report);
    expect(text).toContain('Integrity check FAILED');
    expect(text).toContain(
      `organisation "${a.org.name}" (${a.org.id}): sales voucher ${v.s1!.voucher_number} (id ${v.s1!.id}): taxable_amount: expected`,
    );
  });

  it('a line whose tax is not what the GST rules give (and the header that sums it)', async () => {
    const line = v.s1!.items[1]!;
    const report = await withCorruption(
      `UPDATE voucher_lines SET cgst_amount = cgst_amount + 0.01, total_amount = total_amount + 0.01 WHERE voucher_id = '${v.s1!.id}' AND line_no = 2`,
      `UPDATE voucher_lines SET cgst_amount = cgst_amount - 0.01, total_amount = total_amount - 0.01 WHERE voucher_id = '${v.s1!.id}' AND line_no = 2`,
    );
    expect(failedChecks(report)).toEqual(['voucher_totals', 'line_gst']);
    const lineProblems = problemsOf(report, 'line_gst');
    expect(lineProblems.map((p) => p.field)).toEqual(['cgst_amount', 'total_amount']);
    expect(lineProblems[0]).toMatchObject({
      voucherId: v.s1!.id,
      expected: `${line.cgst_amount} (recomputed)`,
      found: (Number(line.cgst_amount) + 0.01).toFixed(2),
    });
    expect(lineProblems[0]!.subject).toContain('line 2 (3.000 x 199.99, 10.00 % off, GST 12.00 %, intra-state)');
    expect(problemsOf(report, 'voucher_totals').map((p) => p.field)).toEqual(expect.arrayContaining(['cgst_amount', 'total_amount']));
  });

  it('an intra-state line charged IGST instead of CGST and SGST, totals kept', async () => {
    const report = await withCorruption(
      `UPDATE voucher_lines SET igst_amount = cgst_amount + sgst_amount, cgst_amount = 0, sgst_amount = 0 WHERE voucher_id = '${v.s3!.id}'`,
      `UPDATE voucher_lines SET cgst_amount = igst_amount / 2, sgst_amount = igst_amount / 2, igst_amount = 0 WHERE voucher_id = '${v.s3!.id}'`,
    );
    const fields = problemsOf(report, 'line_gst').map((p) => p.field);
    expect(fields).toEqual(['cgst_amount', 'sgst_amount', 'igst_amount']);
    expect(problemsOf(report, 'line_gst')[2]).toMatchObject({ voucherId: v.s3!.id, expected: '0.00 (recomputed)' });
  });

  it('a posting ledger row deleted', async () => {
    const [row] = await queryRows<{ row: string }>(
      ownerDb(t.deps.handle),
      sql`SELECT to_jsonb(l)::text AS row FROM stock_ledger l WHERE voucher_id = ${v.s2!.id}`,
    );
    const saved = row!.row.replaceAll("'", "''");
    const report = await withCorruption(
      `DELETE FROM stock_ledger WHERE voucher_id = '${v.s2!.id}'`,
      `INSERT INTO stock_ledger SELECT * FROM jsonb_populate_record(null::stock_ledger, '${saved}'::jsonb)`,
    );
    expect(failedChecks(report)).toEqual(['stock_balances', 'voucher_stock']);
    expect(problemsOf(report, 'voucher_stock')).toEqual([
      expect.objectContaining({
        organizationId: a.org.id,
        voucherId: v.s2!.id,
        voucherNumber: v.s2!.voucher_number,
        field: 'posting ledger rows',
        expected: '1 row(s) moving -3.000 (its lines)',
        found: '0 row(s) moving 0.000',
      }),
    ]);
    expect(problemsOf(report, 'stock_balances')).toEqual([
      expect.objectContaining({
        productId: products.inclusive,
        field: 'quantity on hand',
        expected: '30.500 (sum of 1 ledger row(s))',
        found: '27.500',
      }),
      expect.objectContaining({ productId: products.inclusive, field: 'ledger_seq', expected: '1 (last ledger row)', found: '2' }),
    ]);
  });

  it('a ledger row in the middle of a history deleted: the running balance breaks there', async () => {
    const [row] = await queryRows<{ row: string }>(
      ownerDb(t.deps.handle),
      sql`SELECT to_jsonb(l)::text AS row FROM stock_ledger l WHERE voucher_id = ${v.purchase!.id} AND product_id = ${products.widget}`,
    );
    const saved = row!.row.replaceAll("'", "''");
    const report = await withCorruption(
      `DELETE FROM stock_ledger WHERE voucher_id = '${v.purchase!.id}' AND product_id = '${products.widget}'`,
      `INSERT INTO stock_ledger SELECT * FROM jsonb_populate_record(null::stock_ledger, '${saved}'::jsonb)`,
    );
    expect(failedChecks(report)).toEqual(['stock_balances', 'stock_ledger', 'voucher_stock']);
    const ledger = problemsOf(report, 'stock_ledger');
    expect(ledger.map((p) => p.field)).toEqual([
      expect.stringMatching(/^ledger row seq 2 \(voucher SV\/2526\/00001; \d wrong row\(s\) from here on\): seq$/),
      expect.stringMatching(/^ledger row seq 2 .*: balance_after$/),
    ]);
    expect(ledger[1]).toMatchObject({ productId: products.widget, expected: '-2.000 (running sum of the ledger)', found: '18.000' });
  });

  it('a stock balance changed', async () => {
    const report = await withCorruption(
      `UPDATE stock_balances SET quantity = quantity + 5 WHERE product_id = '${products.odd}'`,
      `UPDATE stock_balances SET quantity = quantity - 5 WHERE product_id = '${products.odd}'`,
    );
    expect(failedChecks(report)).toEqual(['stock_balances']);
    expect(problemsOf(report, 'stock_balances')).toEqual([
      expect.objectContaining({
        organizationId: a.org.id,
        productId: products.odd,
        field: 'quantity on hand',
        expected: '102.745 (sum of 4 ledger row(s))',
        found: '107.745',
      }),
    ]);
  });

  it('a gap in the numbers (and the counter ahead of the vouchers)', async () => {
    const report = await withCorruption(
      `UPDATE vouchers SET seq = 9, voucher_number = 'SV/2526/00009' WHERE id = '${v.s3!.id}'`,
      `UPDATE vouchers SET seq = 3, voucher_number = '${v.s3!.voucher_number}' WHERE id = '${v.s3!.id}'`,
    );
    expect(failedChecks(report)).toEqual(['numbering']);
    const fields = problemsOf(report, 'numbering').map((p) => `${p.subject} | ${p.field} | ${p.expected} | ${p.found}`);
    expect(fields).toEqual([
      'sales vouchers of financial year 2526 | gap between SV/2526/00002 and SV/2526/00004 | seq 3 present | missing',
      'sales vouchers of financial year 2526 | gap between SV/2526/00004 and SV/2526/00009 | seq 5 to 8 present | missing',
      'sales vouchers of financial year 2526 | voucher_series.next_number | 10 (after the highest seq of its vouchers) | 5',
    ]);
  });

  it('a series behind its vouchers, and one ahead', async () => {
    const report = await withCorruption(
      `UPDATE voucher_series SET next_number = next_number + 2 WHERE organization_id = '${b.org.id}'`,
      `UPDATE voucher_series SET next_number = next_number - 2 WHERE organization_id = '${b.org.id}'`,
    );
    expect(problemsOf(report, 'numbering')).toEqual([
      expect.objectContaining({
        organizationId: b.org.id,
        field: 'voucher_series.next_number',
        expected: '2 (after the highest seq of its vouchers)',
        found: '4',
      }),
    ]);
  });

  it('a duplicate number (unique indexes dropped first, as a broken restore might leave them)', async () => {
    const report = await withCorruption(
      `DROP INDEX vouchers_org_type_number_uq;
       DROP INDEX vouchers_org_type_fy_seq_uq;
       UPDATE vouchers SET seq = 2, voucher_number = '${v.s2!.voucher_number}' WHERE id = '${v.s3!.id}'`,
      `UPDATE vouchers SET seq = 3, voucher_number = '${v.s3!.voucher_number}' WHERE id = '${v.s3!.id}';
       CREATE UNIQUE INDEX vouchers_org_type_number_uq ON vouchers (organization_id, voucher_type, voucher_number);
       CREATE UNIQUE INDEX vouchers_org_type_fy_seq_uq ON vouchers (organization_id, voucher_type, fiscal_year, seq)`,
    );
    const ids = [v.s2!.id, v.s3!.id].sort().join(', ');
    expect(problemsOf(report, 'numbering').map((p) => [p.field, p.expected, p.found])).toEqual([
      ['duplicate seq 2', 'one voucher', `2 vouchers (ids ${ids})`],
      [`duplicate voucher_number ${v.s2!.voucher_number}`, 'one voucher', `2 vouchers (ids ${ids})`],
      ['gap between SV/2526/00002 and SV/2526/00004', 'seq 3 present', 'missing'],
    ]);
  });

  it('a voucher number that does not match its year and sequence', async () => {
    const report = await withCorruption(
      `UPDATE vouchers SET voucher_number = 'SV/2425/00002' WHERE id = '${v.s2!.id}'`,
      `UPDATE vouchers SET voucher_number = '${v.s2!.voucher_number}' WHERE id = '${v.s2!.id}'`,
    );
    expect(problemsOf(report, 'numbering')).toEqual([
      expect.objectContaining({
        voucherId: v.s2!.id,
        field: 'voucher_number',
        expected: '…/2526/00002 (its year and seq)',
        found: 'SV/2425/00002',
      }),
    ]);
  });

  it('a cancelled voucher without its stock reversal', async () => {
    const report = await withCorruption(
      `UPDATE vouchers SET status = 'cancelled' WHERE id = '${v.s3!.id}'`,
      `UPDATE vouchers SET status = 'active' WHERE id = '${v.s3!.id}'`,
    );
    expect(failedChecks(report)).toEqual(['voucher_stock']);
    expect(problemsOf(report, 'voucher_stock')).toEqual([
      expect.objectContaining({
        voucherId: v.s3!.id,
        voucherNumber: v.s3!.voucher_number,
        field: 'reversal ledger rows (voucher is cancelled)',
        expected: '1 row(s) moving 1.255',
        found: '0 row(s) moving 0.000',
      }),
    ]);
  });

  it('an active voucher that was reversed', async () => {
    const report = await withCorruption(
      `UPDATE vouchers SET status = 'active' WHERE id = '${v.s4!.id}'`,
      `UPDATE vouchers SET status = 'cancelled' WHERE id = '${v.s4!.id}'`,
    );
    expect(problemsOf(report, 'voucher_stock')).toEqual([
      expect.objectContaining({
        voucherId: v.s4!.id,
        field: 'reversal ledger rows (voucher is active)',
        expected: 'none',
        found: '1 row(s) moving 1.000',
      }),
    ]);
  });

  it('an audit row altered (its append-only trigger switched off first)', async () => {
    const report = await withCorruption(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
       UPDATE audit_events SET details = details || '{"grand_total": "1.00"}' WHERE target_id = '${v.s1!.id}' AND action = 'voucher.created';
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
       UPDATE audit_events SET details = jsonb_set(details, '{grand_total}', to_jsonb(
         (SELECT grand_total::text FROM vouchers WHERE id = '${v.s1!.id}'))) WHERE target_id = '${v.s1!.id}' AND action = 'voucher.created';
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
    );
    expect(failedChecks(report)).toEqual(['audit_chain']);
    const [seq] = await queryRows<{ seq: number | string }>(
      ownerDb(t.deps.handle),
      sql`SELECT seq FROM audit_events WHERE target_id = ${v.s1!.id} AND action = 'voucher.created'`,
    );
    expect(problemsOf(report, 'audit_chain')).toEqual([
      expect.objectContaining({
        organizationId: a.org.id,
        organizationName: a.org.name,
        subject: `audit chain ${a.org.id} seq ${Number(seq!.seq)}`,
        found: 'content does not match its hash (row was edited)',
      }),
    ]);
  });

  it('is clean again once every corruption was put back, and lists several problems at once', async () => {
    expect((await check()).ok).toBe(true);
    const report = await withCorruption(
      `UPDATE vouchers SET grand_total = grand_total + 1 WHERE organization_id = '${a.org.id}' AND voucher_type = 'sales'`,
      `UPDATE vouchers SET grand_total = grand_total - 1 WHERE organization_id = '${a.org.id}' AND voucher_type = 'sales'`,
    );
    expect(problemsOf(report, 'voucher_totals').map((p) => p.voucherNumber)).toEqual([
      'SV/2526/00001',
      'SV/2526/00002',
      'SV/2526/00003',
      'SV/2526/00004',
      'SV/2627/00001',
    ]);
    expect(report.checks.find((c) => c.id === 'voucher_totals')).toMatchObject({ problemCount: 5, truncated: false });
    expect((await check()).ok).toBe(true);
  });

  it('lists at most --max-problems per check and says more were found', async () => {
    await run(`UPDATE vouchers SET grand_total = grand_total + 1 WHERE organization_id = '${a.org.id}'`);
    try {
      const report = await checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 2 });
      expect(problemsOf(report, 'voucher_totals')).toHaveLength(2);
      expect(report.checks.find((c) => c.id === 'voucher_totals')).toMatchObject({ problemCount: 7, truncated: true });
      expect(formatReport(report)).toContain('only the first ones are listed');
    } finally {
      await run(`UPDATE vouchers SET grand_total = grand_total - 1 WHERE organization_id = '${a.org.id}'`);
    }
  });
});
