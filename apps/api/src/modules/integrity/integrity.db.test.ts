import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { failedChecks, problemsOf, setUpIntegrityFixture, type IntegrityFixture } from '../../test/integrity-fixture';
import { ownerDb, ownerHandle } from '../../test/test-db';
import { checkIntegrity, formatReport } from './index';

/** The checker on real data (test/integrity-fixture.ts), clean and corrupted one way at a time. */

let f: IntegrityFixture;
let t: IntegrityFixture['t'];
let a: IntegrityFixture['a'];
let b: IntegrityFixture['b'];
let v: IntegrityFixture['v'];
let products: IntegrityFixture['products'];
const run = (text: string) => f.run(text);
const check = () => f.check();
const withCorruption = (corrupt: string, restore: string) => f.withCorruption(corrupt, restore);

beforeAll(async () => {
  f = await setUpIntegrityFixture();
  ({ t, a, b, v, products } = f);
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
      'stock_value',
      'ledger_entries',
      'ledger_day_totals',
      'month_totals',
      'trial_balance',
      'bills',
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
    // The books disagree with the header too: its entries no longer follow from its totals.
    expect(failedChecks(report)).toEqual(['voucher_totals', 'ledger_entries']);
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({ voucherId: v.s1!.id, field: 'amounts per ledger', found: 'other amounts on its ledgers' }),
    ]);
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

  it('a flat discount line is recomputed from its amount; a flat amount changed behind its figures is found', async () => {
    // Line 1 of s1: 2 x 500.00, 10 % = 100.00 off. The same line as a flat 100.00 is just as right.
    const asFlat = `UPDATE voucher_lines SET discount_percentage = 0, discount_flat = 100.00 WHERE voucher_id = '${v.s1!.id}' AND line_no = 1`;
    const back = `UPDATE voucher_lines SET discount_flat = NULL, discount_amount = 100.00, discount_percentage = 10 WHERE voucher_id = '${v.s1!.id}' AND line_no = 1`;
    await run(asFlat);
    try {
      expect((await check()).problems).toEqual([]);
      // 90.00 off stored, figures of 100.00 off kept: taxable should be 910.00, not 900.00.
      const report = await withCorruption(
        `UPDATE voucher_lines SET discount_flat = 90.00, discount_amount = 90.00 WHERE voucher_id = '${v.s1!.id}' AND line_no = 1`,
        `UPDATE voucher_lines SET discount_flat = 100.00, discount_amount = 100.00 WHERE voucher_id = '${v.s1!.id}' AND line_no = 1`,
      );
      expect(failedChecks(report)).toEqual(['voucher_totals', 'line_gst']);
      const lineProblems = problemsOf(report, 'line_gst');
      expect(lineProblems.map((p) => p.field)).toEqual(['taxable_amount', 'cgst_amount', 'sgst_amount', 'total_amount']);
      expect(lineProblems[0]).toMatchObject({ voucherId: v.s1!.id, expected: '910.00 (recomputed)', found: '900.00' });
      expect(lineProblems[0]!.subject).toContain('line 1 (2.000 x 500.00, 90.00 off, GST 18.00 %, intra-state)');
      expect(problemsOf(report, 'voucher_totals').map((p) => p.field)).toEqual(['discount_amount']);
    } finally {
      await run(back);
    }
    expect((await check()).problems).toEqual([]);
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
    expect(failedChecks(report)).toEqual(['stock_balances', 'voucher_stock', 'stock_value', 'month_totals']);
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
    expect(failedChecks(report)).toEqual(['stock_balances', 'stock_ledger', 'voucher_stock', 'stock_value', 'month_totals']);
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
    // The value no longer is quantity x average cost either.
    expect(failedChecks(report)).toEqual(['stock_balances', 'stock_value']);
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
    // Nor has it its reversed entries, and its bill is still open.
    expect(failedChecks(report)).toEqual(['voucher_stock', 'ledger_entries', 'bills']);
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
