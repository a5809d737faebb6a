import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './client';
import { MIGRATIONS_FOLDER } from './migrate';
import { emptyDatabase, foldersUpTo } from '../test/migration-steps';

/**
 * The books migration on data in the old shape (vouchers, stock, parties, no books): every
 * organisation gets the default chart, every party its ledger, every sales and purchase voucher
 * its entries (and a cancelled one their reverse), day totals and bill, and every stock movement
 * its value at weighted average cost.
 */
const TAG = '0014_books';

const ORG = '01b00000-0000-7000-8000-00000000000a';
const CUSTOMER = '01b00000-0000-7000-8000-0000000000c1';
const VENDOR = '01b00000-0000-7000-8000-0000000000d1';
const PRODUCT = '01b00000-0000-7000-8000-0000000000f1';
const PURCHASE_1 = '01b00000-0000-7000-8000-0000000000e1';
const SALE = '01b00000-0000-7000-8000-0000000000e2';
const PURCHASE_2 = '01b00000-0000-7000-8000-0000000000e3';

describe(`migration ${TAG}`, () => {
  it('gives existing organisations, parties, vouchers and stock their books', { timeout: 120_000 }, async () => {
    const { handle, migrate } = await emptyDatabase();
    await migrate(foldersUpTo(TAG));
    const db = handle.db;
    await db.execute(sql`INSERT INTO organizations (id, name, state_code) VALUES (${ORG}, 'Old books', '27')`);
    await db.execute(sql`
      INSERT INTO parties (id, organization_id, kind, name, state_code) VALUES
        (${CUSTOMER}, ${ORG}, 'customer', 'Old Customer', '27'),
        (${VENDOR}, ${ORG}, 'vendor', 'Old Vendor', '29')`);
    await db.execute(
      sql`INSERT INTO products (id, organization_id, name, unit, sale_price, purchase_price, gst_rate) VALUES (${PRODUCT}, ${ORG}, 'Widget', 'PCS', 100, 100, 18)`,
    );
    await db.execute(
      sql`INSERT INTO stock_balances (organization_id, product_id, quantity, ledger_seq) VALUES (${ORG}, ${PRODUCT}, 15, 4)`,
    );
    // 1 Apr: bought 10 for 1,000.00 inter-state (IGST 180.00); 2 Apr: sold 4 for 401.20 intra-state,
    // 36.11 + 36.11 tax, rounded down by 0.42 to 473.00 (cancelled on 9 Apr); 3 Apr: bought 5 for 575.00.
    await db.execute(sql`
      INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, status, party_id, party_kind,
                            party_name, supplier_state_code, place_of_supply, is_inter_state, due_date, supplier_invoice_number, line_count,
                            discount_amount, taxable_amount, cgst_amount, sgst_amount, igst_amount, total_amount, round_off, grand_total,
                            created_at, cancelled_at, cancel_reason)
      VALUES
        (${PURCHASE_1}, ${ORG}, 'purchase', 'PV/2526/00001', '2526', 1, '2025-04-01', 'active', ${VENDOR}, 'vendor', 'Old Vendor', '29', '27',
         true, NULL, 'V-17', 1, 0, 1000.00, 0, 0, 180.00, 1180.00, 0, 1180.00, '2025-04-01T10:00:00Z', NULL, NULL),
        (${SALE}, ${ORG}, 'sales', 'SV/2526/00001', '2526', 1, '2025-04-02', 'cancelled', ${CUSTOMER}, 'customer', 'Old Customer', '27', '27',
         false, '2025-05-02', NULL, 1, 0, 401.20, 36.11, 36.11, 0, 473.42, -0.42, 473.00, '2025-04-02T10:00:00Z', '2025-04-09T10:00:00Z', 'Wrong'),
        (${PURCHASE_2}, ${ORG}, 'purchase', 'PV/2526/00002', '2526', 2, '2025-04-03', 'active', ${VENDOR}, 'vendor', 'Old Vendor', '29', '27',
         true, NULL, NULL, 1, 0, 575.00, 0, 0, 103.50, 678.50, 0.50, 679.00, '2025-04-03T10:00:00Z', NULL, NULL)`);
    await db.execute(sql`
      INSERT INTO voucher_lines (id, organization_id, voucher_id, line_no, product_id, product_name, unit, quantity, unit_price, is_gst_inclusive,
                                 discount_percentage, discount_amount, gst_rate, taxable_amount, cgst_amount, sgst_amount, igst_amount, total_amount)
      VALUES
        (gen_random_uuid(), ${ORG}, ${PURCHASE_1}, 1, ${PRODUCT}, 'Widget', 'PCS', 10, 100, false, 0, 0, 18, 1000.00, 0, 0, 180.00, 1180.00),
        (gen_random_uuid(), ${ORG}, ${SALE}, 1, ${PRODUCT}, 'Widget', 'PCS', 4, 100.30, false, 0, 0, 18, 401.20, 36.11, 36.11, 0, 473.42),
        (gen_random_uuid(), ${ORG}, ${PURCHASE_2}, 1, ${PRODUCT}, 'Widget', 'PCS', 5, 115, false, 0, 0, 18, 575.00, 0, 0, 103.50, 678.50)`);
    await db.execute(sql`
      INSERT INTO stock_ledger (id, organization_id, product_id, seq, entry_date, quantity_change, balance_after, source, voucher_id, voucher_type, voucher_number)
      VALUES
        (gen_random_uuid(), ${ORG}, ${PRODUCT}, 1, '2025-04-01', 10, 10, 'voucher', ${PURCHASE_1}, 'purchase', 'PV/2526/00001'),
        (gen_random_uuid(), ${ORG}, ${PRODUCT}, 2, '2025-04-02', -4, 6, 'voucher', ${SALE}, 'sales', 'SV/2526/00001'),
        (gen_random_uuid(), ${ORG}, ${PRODUCT}, 3, '2025-04-03', 5, 11, 'voucher', ${PURCHASE_2}, 'purchase', 'PV/2526/00002'),
        (gen_random_uuid(), ${ORG}, ${PRODUCT}, 4, '2025-04-09', 4, 15, 'voucher_cancel', ${SALE}, 'sales', 'SV/2526/00001')`);

    await migrate(MIGRATIONS_FOLDER);

    const [chart] = await queryRows<{ groups: number; ledgers: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM account_groups WHERE organization_id = ${ORG})::int AS groups,
                 (SELECT count(*) FROM ledgers WHERE organization_id = ${ORG} AND party_id IS NULL)::int AS ledgers`,
    );
    expect(chart).toEqual({ groups: 24, ledgers: 15 });
    const partyLedgers = await queryRows<{ name: string; group: string }>(
      db,
      sql`SELECT l.name, g.system_key AS group FROM ledgers l JOIN account_groups g ON g.id = l.group_id
           WHERE l.party_id IS NOT NULL ORDER BY l.name`,
    );
    expect(partyLedgers).toEqual([
      { name: 'Old Customer', group: 'sundry_debtors' },
      { name: 'Old Vendor', group: 'sundry_creditors' },
    ]);

    const entries = await queryRows<{ voucher: string; rev: boolean; line: number; ledger: string; date: string; amount: string }>(
      db,
      sql`SELECT v.voucher_number AS voucher, e.is_reversal AS rev, e.line_no AS line, coalesce(l.system_key, l.name) AS ledger,
                 e.entry_date::text AS date, e.amount
            FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id JOIN vouchers v ON v.id = e.voucher_id
           ORDER BY v.voucher_number, e.is_reversal, e.line_no`,
    );
    expect(entries.map((e) => [e.voucher, e.rev, e.line, e.ledger, e.date, e.amount])).toEqual([
      ['PV/2526/00001', false, 1, 'purchase', '2025-04-01', '1000.00'],
      ['PV/2526/00001', false, 2, 'input_igst', '2025-04-01', '180.00'],
      ['PV/2526/00001', false, 3, 'Old Vendor', '2025-04-01', '-1180.00'],
      ['PV/2526/00002', false, 1, 'purchase', '2025-04-03', '575.00'],
      ['PV/2526/00002', false, 2, 'input_igst', '2025-04-03', '103.50'],
      ['PV/2526/00002', false, 3, 'round_off', '2025-04-03', '0.50'],
      ['PV/2526/00002', false, 4, 'Old Vendor', '2025-04-03', '-679.00'],
      ['SV/2526/00001', false, 1, 'Old Customer', '2025-04-02', '473.00'],
      ['SV/2526/00001', false, 2, 'sales', '2025-04-02', '-401.20'],
      ['SV/2526/00001', false, 3, 'output_cgst', '2025-04-02', '-36.11'],
      ['SV/2526/00001', false, 4, 'output_sgst', '2025-04-02', '-36.11'],
      ['SV/2526/00001', false, 5, 'round_off', '2025-04-02', '0.42'],
      ['SV/2526/00001', true, 1, 'Old Customer', '2025-04-02', '-473.00'],
      ['SV/2526/00001', true, 2, 'sales', '2025-04-02', '401.20'],
      ['SV/2526/00001', true, 3, 'output_cgst', '2025-04-02', '36.11'],
      ['SV/2526/00001', true, 4, 'output_sgst', '2025-04-02', '36.11'],
      ['SV/2526/00001', true, 5, 'round_off', '2025-04-02', '-0.42'],
    ]);
    const days = await queryRows<{ ledger: string; date: string; debit: string; credit: string }>(
      db,
      sql`SELECT coalesce(l.system_key, l.name) AS ledger, d.entry_date::text AS date, d.debit, d.credit
            FROM ledger_day_totals d JOIN ledgers l ON l.id = d.ledger_id
           WHERE coalesce(l.system_key, l.name) IN ('round_off', 'Old Vendor') ORDER BY 1, 2`,
    );
    expect(days.map((d) => [d.ledger, d.date, d.debit, d.credit])).toEqual([
      ['Old Vendor', '2025-04-01', '0.00', '1180.00'],
      ['Old Vendor', '2025-04-03', '0.00', '679.00'],
      ['round_off', '2025-04-02', '0.42', '0.42'],
      ['round_off', '2025-04-03', '0.50', '0.00'],
    ]);

    const bills = await queryRows<{ ref: string; side: string; due: string; amount: string; outstanding: string; cancelled: boolean }>(
      db,
      sql`SELECT ref, side, due_date::text AS due, amount, outstanding, cancelled_at IS NOT NULL AS cancelled FROM bills ORDER BY bill_date`,
    );
    expect(bills).toEqual([
      { ref: 'V-17', side: 'payable', due: '2025-04-01', amount: '1180.00', outstanding: '1180.00', cancelled: false },
      { ref: 'SV/2526/00001', side: 'receivable', due: '2025-05-02', amount: '473.00', outstanding: '473.00', cancelled: true },
      { ref: 'PV/2526/00002', side: 'payable', due: '2025-04-03', amount: '679.00', outstanding: '679.00', cancelled: false },
    ]);

    // 10 in at 100.00; 4 out at the average (100.00); 5 in at 115.00: (600 + 575) / 11 = 106.8182;
    // the sale cancelled: 4 back at the 100.00 it left at, (1,175.00 + 400.00) / 15 = 105.0000.
    const moves = await queryRows<{ seq: number; unit_cost: string; value: string }>(
      db,
      sql`SELECT seq::int, unit_cost, value FROM stock_ledger ORDER BY seq`,
    );
    expect(moves.map((m) => [m.seq, m.unit_cost, m.value])).toEqual([
      [1, '100.0000', '1000.00'],
      [2, '100.0000', '-400.00'],
      [3, '115.0000', '575.00'],
      [4, '100.0000', '400.00'],
    ]);
    const [balance] = await queryRows<{ average_cost: string; value: string }>(db, sql`SELECT average_cost, value FROM stock_balances`);
    expect(balance).toEqual({ average_cost: '105.0000', value: '1575.00' });
    const valueDays = await queryRows<{ date: string; qty: string; value: string }>(
      db,
      sql`SELECT entry_date::text AS date, quantity_change AS qty, value_change AS value FROM stock_value_day_totals ORDER BY entry_date`,
    );
    expect(valueDays.map((d) => [d.date, d.qty, d.value])).toEqual([
      ['2025-04-01', '10.000', '1000.00'],
      // The sale and its cancellation, now dated the sale's own date: nothing moved that day.
      ['2025-04-02', '0.000', '0.00'],
      ['2025-04-03', '5.000', '575.00'],
    ]);

    // Migration 0022: the month totals of what was posted, reversals on their own side.
    const months = await queryRows<{ ledger: string; month: string; debit: string; credit: string }>(
      db,
      sql`SELECT coalesce(l.system_key, l.name) AS ledger, m.month::text AS month, m.debit, m.credit
            FROM ledger_month_totals m JOIN ledgers l ON l.id = m.ledger_id ORDER BY lower(coalesce(l.system_key, l.name))`,
    );
    expect(months.map((m) => [m.ledger, m.month, m.debit, m.credit])).toEqual([
      ['input_igst', '2025-04-01', '283.50', '0.00'],
      ['Old Customer', '2025-04-01', '473.00', '473.00'],
      ['Old Vendor', '2025-04-01', '0.00', '1859.00'],
      ['output_cgst', '2025-04-01', '36.11', '36.11'],
      ['output_sgst', '2025-04-01', '36.11', '36.11'],
      ['purchase', '2025-04-01', '1575.00', '0.00'],
      ['round_off', '2025-04-01', '0.92', '0.42'],
      ['sales', '2025-04-01', '401.20', '401.20'],
    ]);
    const valueMonths = await queryRows<{ month: string; qty: string; value: string }>(
      db,
      sql`SELECT month::text, quantity_change AS qty, value_change AS value FROM stock_value_month_totals`,
    );
    expect(valueMonths.map((m) => [m.month, m.qty, m.value])).toEqual([['2025-04-01', '15.000', '1575.00']]);
  });
});
