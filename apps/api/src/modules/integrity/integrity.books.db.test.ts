import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { failedChecks, problemsOf, setUpIntegrityFixture, type IntegrityFixture } from '../../test/integrity-fixture';
import { ownerDb } from '../../test/test-db';

/**
 * The books checks (issue 15 item 10) on real vouchers posted through the API: clean, then one
 * corruption at a time, made as the owner and put back after each check.
 */

let f: IntegrityFixture;
let v: IntegrityFixture['v'];
const ledger: Record<string, string> = {};
const bill: Record<string, { id: string; amount: string; outstanding: string }> = {};

async function rows<T>(text: string): Promise<T[]> {
  return queryRows<T>(ownerDb(f.t.deps.handle), sql.raw(text));
}

/** The rows a query selects from `table`, as an INSERT that puts them back. */
async function saved(table: string, where: string): Promise<string> {
  const [row] = await rows<{ rows: string }>(`SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]')::text AS rows FROM ${table} x WHERE ${where}`);
  return `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, '${row!.rows.replaceAll("'", "''")}'::jsonb)`;
}

beforeAll(async () => {
  f = await setUpIntegrityFixture();
  v = f.v;
  const org = f.a.org.id;
  for (const r of await rows<{ id: string; key: string }>(
    `SELECT id, coalesce(system_key, party_id::text) AS key FROM ledgers WHERE organization_id = '${org}'`,
  )) {
    ledger[r.key] = r.id;
  }
  for (const r of await rows<{ id: string; voucher_id: string; amount: string; outstanding: string }>(
    `SELECT id, voucher_id, amount::text, outstanding::text FROM bills WHERE organization_id = '${org}'`,
  )) {
    const name = Object.keys(v).find((k) => v[k]!.id === r.voucher_id)!;
    bill[name] = r;
  }
}, 120_000);

afterAll(() => f.t.close());

describe('a clean database', () => {
  it('passes the books checks, and says how much each read', async () => {
    const report = await f.check();
    expect(report.problems).toEqual([]);
    const read = Object.fromEntries(report.checks.map((c) => [c.id, `${c.rows} ${c.rowsLabel}`]));
    expect(read).toMatchObject({ ledger_entries: '8 vouchers', trial_balance: '2 books', bills: '8 bills' });
    expect(read.ledger_day_totals).toMatch(/^\d+ day totals$/);
    expect(read.month_totals).toMatch(/^\d+ month totals$/);
  });
});

describe('ledger entries', () => {
  it('an entry changed: the voucher does not balance, and its day total disagrees', async () => {
    const report = await f.withCorruption(
      `UPDATE ledger_entries SET amount = amount + 1 WHERE voucher_id = '${v.s1!.id}' AND ledger_id = '${ledger.sales}'`,
      `UPDATE ledger_entries SET amount = amount - 1 WHERE voucher_id = '${v.s1!.id}' AND ledger_id = '${ledger.sales}'`,
    );
    expect(failedChecks(report)).toEqual(['ledger_entries', 'ledger_day_totals', 'month_totals']);
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({
        organizationId: f.a.org.id,
        voucherId: v.s1!.id,
        voucherNumber: v.s1!.voucher_number,
        field: 'entries balance',
        expected: 'debits equal credits',
        found: 'debits exceed credits by 1.00',
      }),
      expect.objectContaining({ voucherId: v.s1!.id, field: 'amounts per ledger' }),
    ]);
    expect(problemsOf(report, 'ledger_day_totals')).toEqual([
      expect.objectContaining({
        subject: `ledger "Sales" (id ${ledger.sales}), day 2025-06-01`,
        field: 'credit',
        expected: `${(Number(v.s1!.taxable_amount) - 1).toFixed(2)} (sum of the credits of 1 entry)`,
        found: v.s1!.taxable_amount,
      }),
    ]);
  });

  it('an entry changed with its day total: the trial balance no longer balances', async () => {
    const both = (sign: '+' | '-') =>
      `UPDATE ledger_entries SET amount = amount ${sign} 1 WHERE voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.sales}';
       UPDATE ledger_day_totals SET credit = credit ${sign === '+' ? '-' : '+'} 1 WHERE ledger_id = '${ledger.sales}' AND entry_date = '2025-06-02'`;
    const report = await f.withCorruption(both('+'), both('-'));
    expect(failedChecks(report)).toEqual(['ledger_entries', 'month_totals', 'trial_balance']);
    expect(problemsOf(report, 'trial_balance')).toEqual([
      expect.objectContaining({
        organizationId: f.a.org.id,
        organizationName: f.a.org.name,
        subject: 'trial balance of 2025-06-02',
        field: 'total debits and credits of the day',
        expected: 'equal',
        found: `debits ${v.s2!.grand_total}, credits ${(Number(v.s2!.grand_total) - 1).toFixed(2)}`,
      }),
    ]);
  });

  it('a posted voucher without its entries', async () => {
    const restore = await saved('ledger_entries', `voucher_id = '${v.s2!.id}'`);
    const report = await f.withCorruption(`DELETE FROM ledger_entries WHERE voucher_id = '${v.s2!.id}'`, restore);
    expect(failedChecks(report)).toEqual(['ledger_entries', 'ledger_day_totals', 'month_totals']);
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({ voucherId: v.s2!.id, field: 'ledger entries', expected: 'its posting entries', found: 'none' }),
    ]);
  });

  it('an entry missing, the rest balanced: fewer entries than the posting rule gives', async () => {
    // s2 is inter-state: customer Dr, Sales Cr, Output IGST Cr (and round-off if any). Take the IGST
    // entry away and put its amount on Sales, so the voucher still balances.
    const [igst] = await rows<{ amount: string; line_no: number }>(
      `SELECT amount::text, line_no FROM ledger_entries WHERE voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.output_igst}'`,
    );
    const restore = await saved('ledger_entries', `voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.output_igst}'`);
    const report = await f.withCorruption(
      `DELETE FROM ledger_entries WHERE voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.output_igst}';
       UPDATE ledger_entries SET amount = amount + ${igst!.amount} WHERE voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.sales}'`,
      `UPDATE ledger_entries SET amount = amount - ${igst!.amount} WHERE voucher_id = '${v.s2!.id}' AND ledger_id = '${ledger.sales}';
       ${restore}`,
    );
    const fields = problemsOf(report, 'ledger_entries').map((p) => [p.field, p.found]);
    expect(fields).toEqual([
      ['ledger entries', expect.stringMatching(/^\d$/)],
      ['amounts per ledger', 'other amounts on its ledgers'],
    ]);
    expect(problemsOf(report, 'ledger_entries')[0]!.expected).toMatch(/\(its posting rule, zero amounts posting nothing\)$/);
  });

  it("an entry on another party's ledger", async () => {
    const move = (from: string, to: string) =>
      `UPDATE ledger_entries SET ledger_id = '${to}' WHERE voucher_id = '${v.s3!.id}' AND ledger_id = '${from}'`;
    const report = await f.withCorruption(
      move(ledger[f.parties.local]!, ledger[f.parties.away]!),
      move(ledger[f.parties.away]!, ledger[f.parties.local]!),
    );
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({
        voucherId: v.s3!.id,
        field: 'party ledger',
        expected: "its own party's ledger",
        found: "another party's ledger",
      }),
    ]);
  });

  it('an entry on another ledger than the rule names, amounts kept', async () => {
    const move = (from: string, to: string) =>
      `UPDATE ledger_entries SET ledger_id = '${to}' WHERE voucher_id = '${v.s1!.id}' AND ledger_id = '${from}'`;
    const report = await f.withCorruption(move(ledger.output_cgst!, ledger.output_igst!), move(ledger.output_igst!, ledger.output_cgst!));
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({ voucherId: v.s1!.id, field: 'amounts per ledger', found: 'other amounts on its ledgers' }),
    ]);
  });

  it('an entry dated other than its voucher', async () => {
    const report = await f.withCorruption(
      `UPDATE ledger_entries SET entry_date = '2025-06-09' WHERE voucher_id = '${v.s3!.id}' AND line_no = 1`,
      `UPDATE ledger_entries SET entry_date = '2025-06-03' WHERE voucher_id = '${v.s3!.id}' AND line_no = 1`,
    );
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({
        voucherId: v.s3!.id,
        field: 'entry_date',
        expected: "2025-06-03 (the voucher's date)",
        found: '2025-06-03 to 2025-06-09',
      }),
    ]);
  });

  it('a cancelled voucher without its reversal', async () => {
    const restore = await saved('ledger_entries', `voucher_id = '${v.s4!.id}' AND is_reversal`);
    const report = await f.withCorruption(`DELETE FROM ledger_entries WHERE voucher_id = '${v.s4!.id}' AND is_reversal`, restore);
    expect(failedChecks(report)).toEqual(['ledger_entries', 'ledger_day_totals', 'month_totals']);
    const [p] = problemsOf(report, 'ledger_entries');
    expect(p).toMatchObject({ voucherId: v.s4!.id, field: 'reversal entries (voucher is cancelled)', found: '0' });
    expect(p!.expected).toMatch(/^\d \(the exact reverse of its entries\)$/);
  });

  it('a reversal that is not the exact reverse of its entry', async () => {
    const move = (from: string, to: string) =>
      `UPDATE ledger_entries SET ledger_id = '${to}' WHERE voucher_id = '${v.s4!.id}' AND is_reversal AND ledger_id = '${from}'`;
    const report = await f.withCorruption(move(ledger.sales!, ledger.purchase!), move(ledger.purchase!, ledger.sales!));
    const [p] = problemsOf(report, 'ledger_entries');
    expect(p).toMatchObject({ voucherId: v.s4!.id, field: 'reversal entries (voucher is cancelled)' });
    expect(p!.found).toMatch(/^\d, 1 not the reverse of its entry$/);
  });

  it('an active voucher with a reversal', async () => {
    const report = await f.withCorruption(
      `UPDATE vouchers SET status = 'active' WHERE id = '${v.s4!.id}'`,
      `UPDATE vouchers SET status = 'cancelled' WHERE id = '${v.s4!.id}'`,
    );
    expect(problemsOf(report, 'ledger_entries')).toEqual([
      expect.objectContaining({ voucherId: v.s4!.id, field: 'reversal entries (voucher is active)', expected: 'none' }),
    ]);
  });
});

describe('ledger day totals', () => {
  it('a day total changed: named by ledger and day, and the day no longer balances', async () => {
    const customer = ledger[f.parties.local]!;
    const report = await f.withCorruption(
      `UPDATE ledger_day_totals SET debit = debit + 10 WHERE ledger_id = '${customer}' AND entry_date = '2025-06-01'`,
      `UPDATE ledger_day_totals SET debit = debit - 10 WHERE ledger_id = '${customer}' AND entry_date = '2025-06-01'`,
    );
    expect(failedChecks(report)).toEqual(['ledger_day_totals', 'trial_balance']);
    const [p] = problemsOf(report, 'ledger_day_totals');
    expect(p).toMatchObject({
      organizationId: f.a.org.id,
      subject: expect.stringMatching(new RegExp(`^ledger ".+" \\(id ${customer}\\), day 2025-06-01$`)),
      field: 'debit',
      expected: `${v.s1!.grand_total} (sum of the debits of 1 entry)`,
      found: (Number(v.s1!.grand_total) + 10).toFixed(2),
    });
  });

  it('a day total missing', async () => {
    const restore = await saved('ledger_day_totals', `ledger_id = '${ledger.output_igst}' AND entry_date = '2025-06-02'`);
    const report = await f.withCorruption(
      `DELETE FROM ledger_day_totals WHERE ledger_id = '${ledger.output_igst}' AND entry_date = '2025-06-02'`,
      restore,
    );
    expect(problemsOf(report, 'ledger_day_totals')).toEqual([
      expect.objectContaining({
        subject: `ledger "Output IGST" (id ${ledger.output_igst}), day 2025-06-02`,
        field: 'ledger_day_totals row',
        found: 'none',
      }),
    ]);
  });
});

describe('month totals', () => {
  it('a ledger month total changed: named by ledger and month; the day totals and entries still agree', async () => {
    const customer = ledger[f.parties.local]!;
    const report = await f.withCorruption(
      `UPDATE ledger_month_totals SET debit = debit + 10 WHERE ledger_id = '${customer}' AND month = '2025-06-01'`,
      `UPDATE ledger_month_totals SET debit = debit - 10 WHERE ledger_id = '${customer}' AND month = '2025-06-01'`,
    );
    expect(failedChecks(report)).toEqual(['month_totals']);
    const [sums] = await rows<{ debit: string; n: number }>(
      `SELECT sum(amount) FILTER (WHERE amount > 0)::numeric(18,2)::text AS debit, count(*)::int AS n
         FROM ledger_entries WHERE ledger_id = '${customer}' AND entry_date BETWEEN '2025-06-01' AND '2025-06-30'`,
    );
    expect(problemsOf(report, 'month_totals')).toEqual([
      expect.objectContaining({
        organizationId: f.a.org.id,
        subject: expect.stringMatching(new RegExp(`^ledger ".+" \\(id ${customer}\\), month 2025-06$`)),
        field: 'debit',
        expected: `${sums!.debit} (sum of the debits of ${sums!.n} ${sums!.n === 1 ? 'entry' : 'entries'})`,
        found: (Number(sums!.debit) + 10).toFixed(2),
      }),
    ]);
  });

  it('a month total changed with its day total, so the two agree: the entries still tell', async () => {
    const both = (sign: '+' | '-') =>
      `UPDATE ledger_month_totals SET credit = credit ${sign} 5 WHERE ledger_id = '${ledger.sales}' AND month = '2025-06-01';
       UPDATE ledger_day_totals SET credit = credit ${sign} 5 WHERE ledger_id = '${ledger.sales}' AND entry_date = '2025-06-02'`;
    const report = await f.withCorruption(both('+'), both('-'));
    expect(failedChecks(report)).toEqual(['ledger_day_totals', 'month_totals', 'trial_balance']);
    expect(problemsOf(report, 'month_totals')).toEqual([
      expect.objectContaining({ subject: `ledger "Sales" (id ${ledger.sales}), month 2025-06`, field: 'credit' }),
    ]);
  });

  it('a ledger month total missing, and one with no entries behind it', async () => {
    const restore = await saved('ledger_month_totals', `ledger_id = '${ledger.output_igst}' AND month = '2025-06-01'`);
    const report = await f.withCorruption(
      `DELETE FROM ledger_month_totals WHERE ledger_id = '${ledger.output_igst}' AND month = '2025-06-01';
       INSERT INTO ledger_month_totals (organization_id, ledger_id, month, debit, credit)
       VALUES ('${f.a.org.id}', '${ledger.purchase}', '2024-01-01', 3, 0)`,
      `DELETE FROM ledger_month_totals WHERE ledger_id = '${ledger.purchase}' AND month = '2024-01-01';
       ${restore}`,
    );
    expect(failedChecks(report)).toEqual(['month_totals']);
    expect(problemsOf(report, 'month_totals').map((p) => [p.subject, p.field, p.expected, p.found])).toEqual(
      expect.arrayContaining([
        [
          `ledger "Output IGST" (id ${ledger.output_igst}), month 2025-06`,
          'ledger_month_totals row',
          expect.stringMatching(/^one \(debit /),
          'none',
        ],
        [`ledger "Purchase" (id ${ledger.purchase}), month 2024-01`, 'debit', '0.00 (sum of the debits of 0 entries)', '3.00'],
      ]),
    );
  });

  it("a product's value month total changed, and one missing", async () => {
    const restore = await saved('stock_value_month_totals', `product_id = '${f.products.inclusive}' AND month = '2025-06-01'`);
    const report = await f.withCorruption(
      `UPDATE stock_value_month_totals SET value_change = value_change + 1 WHERE product_id = '${f.products.widget}' AND month = '2025-05-01';
       DELETE FROM stock_value_month_totals WHERE product_id = '${f.products.inclusive}' AND month = '2025-06-01'`,
      `UPDATE stock_value_month_totals SET value_change = value_change - 1 WHERE product_id = '${f.products.widget}' AND month = '2025-05-01';
       ${restore}`,
    );
    expect(failedChecks(report)).toEqual(['month_totals']);
    const found = problemsOf(report, 'month_totals').map((p) => [p.productId, p.field, p.found]);
    expect(found).toEqual(
      expect.arrayContaining([
        [f.products.widget, 'value_change', expect.any(String)],
        [f.products.inclusive, 'stock_value_month_totals row', 'none'],
      ]),
    );
    expect(found).toHaveLength(2);
  });
});

describe('bills', () => {
  it('an outstanding that is not the amount less the allocations', async () => {
    const report = await f.withCorruption(
      `UPDATE bills SET outstanding = outstanding - 100 WHERE id = '${bill.s1!.id}'`,
      `UPDATE bills SET outstanding = outstanding + 100 WHERE id = '${bill.s1!.id}'`,
    );
    expect(failedChecks(report)).toEqual(['bills']);
    expect(problemsOf(report, 'bills')).toEqual([
      expect.objectContaining({
        organizationId: f.a.org.id,
        subject: expect.stringMatching(new RegExp(`^receivable bill ${v.s1!.voucher_number} of ".+" \\(id ${bill.s1!.id}\\)$`)),
        field: 'outstanding',
        expected: `${bill.s1!.amount} (amount ${bill.s1!.amount} less its live allocations, 0.00)`,
        found: (Number(bill.s1!.amount) - 100).toFixed(2),
      }),
    ]);
  });

  it('an allocation and the outstanding it leaves agree; a released one gives its amount back', async () => {
    const report = await f.withCorruption(
      `INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount)
         VALUES (gen_random_uuid(), '${f.a.org.id}', '${f.parties.local}', '${bill.s1!.id}', '${v.s1!.id}', 100);
       INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount, released_at)
         VALUES (gen_random_uuid(), '${f.a.org.id}', '${f.parties.local}', '${bill.s1!.id}', '${v.s1!.id}', 40, now());
       UPDATE bills SET outstanding = outstanding - 100 WHERE id = '${bill.s1!.id}'`,
      `DELETE FROM bill_allocations WHERE bill_id = '${bill.s1!.id}';
       UPDATE bills SET outstanding = amount WHERE id = '${bill.s1!.id}'`,
    );
    expect(report.problems).toEqual([]);
  });

  it('allocations beyond the amount: the outstanding would be negative', async () => {
    const report = await f.withCorruption(
      `INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount)
         VALUES (gen_random_uuid(), '${f.a.org.id}', '${f.parties.local}', '${bill.s3!.id}', '${v.s3!.id}', ${bill.s3!.amount} + 10);
       UPDATE bills SET outstanding = 0 WHERE id = '${bill.s3!.id}'`,
      `DELETE FROM bill_allocations WHERE bill_id = '${bill.s3!.id}';
       UPDATE bills SET outstanding = amount WHERE id = '${bill.s3!.id}'`,
    );
    const over = (Number(bill.s3!.amount) + 10).toFixed(2);
    expect(problemsOf(report, 'bills').map((p) => [p.field, p.expected, p.found])).toEqual([
      ['outstanding', `-10.00 (amount ${bill.s3!.amount} less its live allocations, ${over})`, '0.00'],
      ['allocations', `at most the amount ${bill.s3!.amount}`, `${over} allocated (outstanding would be negative)`],
    ]);
  });

  it('a negative outstanding (its CHECK dropped first, as a broken restore might leave it)', async () => {
    const report = await f.withCorruption(
      `ALTER TABLE bills DROP CONSTRAINT bills_outstanding_ck;
       UPDATE bills SET outstanding = -5 WHERE id = '${bill.s3!.id}'`,
      `UPDATE bills SET outstanding = amount WHERE id = '${bill.s3!.id}';
       ALTER TABLE bills ADD CONSTRAINT bills_outstanding_ck CHECK (outstanding >= 0 AND outstanding <= amount)`,
    );
    expect(problemsOf(report, 'bills').map((p) => [p.field, p.expected, p.found])).toEqual([
      ['outstanding', `${bill.s3!.amount} (amount ${bill.s3!.amount} less its live allocations, 0.00)`, '-5.00'],
      ['outstanding', 'never negative', '-5.00'],
    ]);
  });

  it("a cancelled voucher's allocation still live", async () => {
    const report = await f.withCorruption(
      `INSERT INTO bill_allocations (id, organization_id, party_id, bill_id, voucher_id, amount)
         VALUES ('0192f000-0000-7000-8000-00000000a11c', '${f.a.org.id}', '${f.parties.local}', '${bill.s3!.id}', '${v.s4!.id}', 10);
       UPDATE bills SET outstanding = outstanding - 10 WHERE id = '${bill.s3!.id}'`,
      `DELETE FROM bill_allocations WHERE bill_id = '${bill.s3!.id}';
       UPDATE bills SET outstanding = amount WHERE id = '${bill.s3!.id}'`,
    );
    expect(problemsOf(report, 'bills')).toEqual([
      expect.objectContaining({
        voucherId: v.s4!.id,
        field: 'allocation 0192f000-0000-7000-8000-00000000a11c of 10.00 (voucher is cancelled)',
        expected: 'released',
        found: 'live',
      }),
    ]);
  });

  it('an invoice without its bill', async () => {
    const restore = await saved('bills', `id = '${bill.s3!.id}'`);
    const report = await f.withCorruption(`DELETE FROM bills WHERE id = '${bill.s3!.id}'`, restore);
    expect(problemsOf(report, 'bills')).toEqual([
      expect.objectContaining({ voucherId: v.s3!.id, field: 'bill', expected: 'one (receivable, for its grand total)', found: 'none' }),
    ]);
  });

  it("a bill for another amount than its invoice's grand total, and a cancelled invoice's bill still open", async () => {
    const report = await f.withCorruption(
      `UPDATE bills SET amount = amount + 1, outstanding = outstanding + 1 WHERE id = '${bill.s2!.id}';
       UPDATE bills SET cancelled_at = NULL WHERE id = '${bill.s4!.id}'`,
      `UPDATE bills SET amount = amount - 1, outstanding = outstanding - 1 WHERE id = '${bill.s2!.id}';
       UPDATE bills SET cancelled_at = now() WHERE id = '${bill.s4!.id}'`,
    );
    expect(problemsOf(report, 'bills').map((p) => [p.field, p.expected, p.found])).toEqual([
      [
        'amount',
        `${v.s2!.grand_total} (the grand total of sales voucher ${v.s2!.voucher_number} (id ${v.s2!.id}))`,
        (Number(v.s2!.grand_total) + 1).toFixed(2),
      ],
      ['cancelled_at', 'set (the voucher is cancelled)', 'empty'],
    ]);
  });
});

describe('opening bills', () => {
  it("a party ledger's opening balance that is not the sum of its opening bills", async () => {
    const party = f.parties.local;
    const [row] = await rows<{ id: string; name: string }>(`SELECT id, name FROM ledgers WHERE party_id = '${party}'`);
    const report = await f.withCorruption(
      `INSERT INTO bills (id, organization_id, party_id, side, ref, bill_date, due_date, amount, outstanding)
       VALUES ('0192f000-0000-7000-8000-0000000b0b01', '${f.a.org.id}', '${party}', 'receivable', 'OB-1', '2000-03-01', '2000-03-01', 70, 70)`,
      `DELETE FROM bills WHERE id = '0192f000-0000-7000-8000-0000000b0b01'`,
    );
    expect(problemsOf(report, 'bills')).toEqual([
      expect.objectContaining({
        subject: `ledger "${row!.name}" (id ${row!.id})`,
        field: 'opening_balance',
        expected: '70.00 (the sum of its 1 opening bill(s), receivable Dr +, payable Cr −)',
        found: '0.00',
      }),
    ]);
  });
});

describe('stock value', () => {
  it("a balance's value that is not quantity x average cost, nor the sum of its movements", async () => {
    const report = await f.withCorruption(
      `UPDATE stock_balances SET value = value + 1 WHERE product_id = '${f.products.widget}'`,
      `UPDATE stock_balances SET value = value - 1 WHERE product_id = '${f.products.widget}'`,
    );
    expect(failedChecks(report)).toEqual(['stock_value']);
    const [q] = await rows<{ quantity: string; average_cost: string; value: string }>(
      `SELECT quantity::text, average_cost::text, value::text FROM stock_balances WHERE product_id = '${f.products.widget}'`,
    );
    expect(problemsOf(report, 'stock_value')).toEqual([
      expect.objectContaining({
        organizationId: f.a.org.id,
        productId: f.products.widget,
        field: 'value',
        expected: `${q!.value} (quantity ${q!.quantity} x average cost ${q!.average_cost})`,
        found: (Number(q!.value) + 1).toFixed(2),
      }),
      expect.objectContaining({
        productId: f.products.widget,
        field: 'value',
        expected: `${q!.value} (sum of its ledger rows' value changes)`,
      }),
    ]);
  });

  it('an average cost changed', async () => {
    const report = await f.withCorruption(
      `UPDATE stock_balances SET average_cost = average_cost + 1 WHERE product_id = '${f.products.odd}'`,
      `UPDATE stock_balances SET average_cost = average_cost - 1 WHERE product_id = '${f.products.odd}'`,
    );
    expect(problemsOf(report, 'stock_value')).toEqual([
      expect.objectContaining({
        productId: f.products.odd,
        field: 'value',
        expected: expect.stringMatching(/ \(quantity 102\.745 x average cost /),
      }),
    ]);
  });

  it("a product's value day total changed, and one missing", async () => {
    const restore = await saved('stock_value_day_totals', `product_id = '${f.products.inclusive}' AND entry_date = '2025-06-02'`);
    const report = await f.withCorruption(
      `UPDATE stock_value_day_totals SET value_change = value_change + 1 WHERE product_id = '${f.products.widget}' AND entry_date = '2025-05-02';
       DELETE FROM stock_value_day_totals WHERE product_id = '${f.products.inclusive}' AND entry_date = '2025-06-02'`,
      `UPDATE stock_value_day_totals SET value_change = value_change - 1 WHERE product_id = '${f.products.widget}' AND entry_date = '2025-05-02';
       ${restore}`,
    );
    expect(failedChecks(report)).toEqual(['stock_value']);
    const found = problemsOf(report, 'stock_value').map((p) => [p.productId, p.field, p.found]);
    expect(found).toEqual(
      expect.arrayContaining([
        [f.products.widget, 'stock_value_day_totals of 2025-05-02: value_change', expect.any(String)],
        [f.products.inclusive, 'stock_value_day_totals of 2025-06-02', 'none'],
      ]),
    );
    expect(found).toHaveLength(2);
  });
});

describe('receipts and journals (their entries against their header and their own lines)', () => {
  it('a receipt whose amount no longer matches its entries, and a journal line moved to another ledger, are found', async () => {
    const post = async (type: string, token: string, body: Record<string, unknown>) => {
      const res = await f.t.app.inject({
        method: 'POST',
        url: `/api/v1/vouchers/${type}`,
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; voucher_number: string };
    };
    const receipt = await post('receipt', f.a.user.token, {
      customer_id: f.parties.local,
      date: '2025-06-10',
      mode: 'cash',
      cash_bank_ledger_id: ledger.cash,
      amount: '100.00',
    });
    const journal = await post('journal', f.a.admin.token, {
      date: '2025-06-10',
      lines: [
        { ledger_id: ledger.cash, side: 'debit', amount: '25.00' },
        { ledger_id: ledger[f.parties.local]!, side: 'credit', amount: '25.00' },
      ],
    });
    expect((await f.check()).problems).toEqual([]);

    const amount = await f.withCorruption(
      `UPDATE vouchers SET grand_total = grand_total + 1 WHERE id = '${receipt.id}'`,
      `UPDATE vouchers SET grand_total = grand_total - 1 WHERE id = '${receipt.id}'`,
    );
    expect(problemsOf(amount, 'ledger_entries')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ voucherId: receipt.id, field: 'entries debit total', expected: expect.stringContaining('101.00') }),
        expect.objectContaining({ voucherId: receipt.id, field: 'party ledger entry', expected: expect.stringContaining('-101.00') }),
      ]),
    );

    const moved = await f.withCorruption(
      `UPDATE voucher_ledger_lines SET ledger_id = '${ledger.sales}' WHERE voucher_id = '${journal.id}' AND line_no = 1`,
      `UPDATE voucher_ledger_lines SET ledger_id = '${ledger.cash}' WHERE voucher_id = '${journal.id}' AND line_no = 1`,
    );
    expect(problemsOf(moved, 'ledger_entries')).toEqual([
      expect.objectContaining({ voucherId: journal.id, field: 'ledger entries against its lines', found: '1 lines differ' }),
    ]);
    expect((await f.check()).problems).toEqual([]);
  });
});
