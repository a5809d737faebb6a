import { dec, toMoney, ZERO } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { parseTallyXml } from './tally-xml';

/**
 * The Tally export (issue 18 item 3): the file is XML fast-xml-parser accepts, in Tally's
 * ENVELOPE / IMPORTDATA / TALLYMESSAGE shape, and read back through our own parser it gives the
 * same vouchers, ledger amounts and totals as the books.
 */

let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
}, 60_000);
afterAll(() => t.close());

describe('Tally XML export', () => {
  it('round-trips masters, vouchers and their ledger amounts through our parser', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, tenant.admin.token, { name: 'Rao & Sons <Pune>' });
    const vendor = await createVendor(t, tenant.admin.token);
    const product = await createProduct(t, tenant.admin.token, {
      name: 'Bolt "M8"',
      unit_price: '500.00',
      gst_rate: '18',
      hsn_code: '7318',
    });
    await adjustStock(t, tenant.admin.token, product.id, '10');
    const posted = [
      await postVoucher(t, tenant.admin.token, 'sales', {
        customer_id: customer.id,
        date: '2025-10-01',
        items: [{ product_id: product.id, quantity: 3, discount_percentage: '10' }],
      }),
      await postVoucher(t, tenant.admin.token, 'purchase', {
        vendor_id: vendor.id,
        date: '2025-10-02',
        supplier_invoice_number: 'V-1',
        supplier_invoice_date: '2025-10-02',
        items: [{ product_id: product.id, quantity: 4, unit_price: '300.00' }],
      }),
      await postVoucher(t, tenant.admin.token, 'sales', {
        customer_id: customer.id,
        date: '2025-11-15',
        items: [{ product_id: product.id, quantity: 1 }],
      }),
    ];
    for (const p of posted) expect(p.statusCode, p.body).toBe(201);

    const res = await call('GET', '/organization/tally-export?from=2025-10-01&to=2025-10-31', tenant.admin.token);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="tally-2025-10-01-to-2025-10-31.xml"');
    const xml = res.body;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ENVELOPE><HEADER><TALLYREQUEST>Import Data<\/TALLYREQUEST>/);

    const doc = parseTallyXml(xml);
    expect(doc.report).toBe('All Masters');
    expect(doc.groups).toContainEqual({ name: 'Sundry Debtors', parent: 'Current Assets' });
    expect(doc.ledgers).toContainEqual({ name: 'Rao & Sons <Pune>', group: 'Sundry Debtors', openingBalance: '0.00' });
    expect(doc.stockItems).toEqual([{ name: 'Bolt "M8"', unit: 'PCS', hsn: '7318', gstRate: '18.00' }]);
    expect(doc.units).toEqual(['PCS']);

    // Only October's vouchers, each as the books have it.
    const books = await platformTx(t.deps, (db) =>
      queryRows<{ voucher_number: string; voucher_type: string; voucher_date: string; ledger: string; amount: string }>(
        db,
        sql`SELECT v.voucher_number, v.voucher_type, v.voucher_date::text AS voucher_date, l.name AS ledger, e.amount::text AS amount
            FROM ledger_entries e JOIN vouchers v ON v.id = e.voucher_id JOIN ledgers l ON l.id = e.ledger_id
            WHERE e.organization_id = ${tenant.org.id} AND v.voucher_date <= '2025-10-31' AND NOT e.is_reversal
            ORDER BY v.voucher_date, e.line_no`,
      ),
    );
    expect(doc.vouchers.map((v) => [v.type, v.number, v.date])).toEqual([
      ['Sales', posted[0]!.json().voucher_number, '2025-10-01'],
      ['Purchase', posted[1]!.json().voucher_number, '2025-10-02'],
    ]);
    const fromXml = doc.vouchers.flatMap((v) => v.entries.map((e) => [v.number, e.ledger, e.amount]));
    expect(fromXml).toEqual(books.map((b) => [b.voucher_number, b.ledger, b.amount]));
    for (const v of doc.vouchers) expect(toMoney(v.entries.reduce((s, e) => s.plus(dec(e.amount)), ZERO)), v.number).toBe('0.00');
    const sale = doc.vouchers[0]!;
    expect(sale.party).toBe('Rao & Sons <Pune>');
    expect(sale.entries.find((e) => e.ledger === 'Rao & Sons <Pune>')!.amount).toBe(posted[0]!.json().grand_total);
    expect(sale.inventory).toEqual([
      { item: 'Bolt "M8"', quantity: '3.000', unit: 'PCS', rate: '500.00', discount: '150.00', amount: '1350.00' },
    ]);
    const debits = doc.vouchers.flatMap((v) => v.entries).filter((e) => dec(e.amount).gt(ZERO));
    const bookDebits = books.filter((b) => dec(b.amount).gt(ZERO));
    expect(toMoney(debits.reduce((s, e) => s.plus(dec(e.amount)), ZERO))).toBe(
      toMoney(bookDebits.reduce((s, e) => s.plus(dec(e.amount)), ZERO)),
    );

    const [event] = await platformTx(t.deps, (db) =>
      queryRows<{ details: { from: string; to: string } }>(
        db,
        sql`SELECT details FROM audit_events WHERE organization_id = ${tenant.org.id} AND action = 'organization.tally_exported'`,
      ),
    );
    expect(event!.details).toEqual({ from: '2025-10-01', to: '2025-10-31' });
  });

  it('refuses a bad period naming the field, and callers who are not admins', async () => {
    const tenant = await createTenant(t.deps, { stateCode: '27' });
    const bad = await call('GET', '/organization/tally-export?from=2025-10-31&to=2025-10-01', tenant.admin.token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'query.to', message: 'must be on or after from' }]);
    expect((await call('GET', '/organization/tally-export?from=2025-10-01', tenant.admin.token)).statusCode).toBe(422);
    expect((await call('GET', '/organization/tally-export?from=2025-10-01&to=2025-10-31', tenant.user.token)).statusCode).toBe(403);
  });
});
