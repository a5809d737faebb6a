import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { auditEvents, stockLedger, voucherSeries, vouchers } from '../../db/schema';
import { adjustStock, createCustomer, createProduct, createVendor, gstinFor, postVoucher, stockOf } from '../../test/business';
import { bearer, createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
});
afterAll(() => t.close());

describe('sales voucher', () => {
  it('computes every amount on the server, intra-state, and moves stock with a ledger row', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '27' });
    const widget = await createProduct(t, tenant.user.token, { unit_price: '500.00', gst_rate: '18', hsn_code: '8471' });
    const bolt = await createProduct(t, tenant.user.token, { unit_price: '12.50', gst_rate: '5' });
    await adjustStock(t, tenant.admin.token, widget.id, '10');
    await adjustStock(t, tenant.admin.token, bolt.id, '100');

    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-06-30',
      reference: 'PO-77',
      items: [
        // 2 x 500.00 at 18 %, 10 % off: taxable 900.00, tax 162.00 -> 81.00 + 81.00, total 1062.00
        { product_id: widget.id, quantity: 2, discount_percentage: 10 },
        // 4 x 12.50 at 5 %: taxable 50.00, tax 2.50 -> 1.25 + 1.25, total 52.50
        { product_id: bolt.id, quantity: '4' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({
      voucher_number: 'SV/2526/00001',
      voucher_type: 'sales',
      date: '2025-06-30',
      fiscal_year: '2526',
      status: 'active',
      customer_id: customer.id,
      party: { id: customer.id, name: customer.name, state_code: '27' },
      place_of_supply: '27',
      supplier_state_code: '27',
      is_inter_state: false,
      reference: 'PO-77',
      discount_amount: '100.00',
      taxable_amount: '950.00',
      cgst_amount: '82.25',
      sgst_amount: '82.25',
      igst_amount: '0.00',
      // 1062.00 + 52.50 = 1114.50 -> +0.50 -> 1115.00
      total_amount: '1114.50',
      round_off: '0.50',
      grand_total: '1115.00',
      amount_in_words: 'Rupees One Thousand One Hundred Fifteen Only',
      email_status: 'not_sent',
      created_by: tenant.user.id,
      created_by_email: tenant.user.email,
    });
    expect(v.items).toEqual([
      expect.objectContaining({
        line_no: 1,
        product_id: widget.id,
        hsn_code: '8471',
        quantity: '2.000',
        unit_price: '500.00',
        discount_percentage: '10.00',
        discount_amount: '100.00',
        gst_rate: '18.00',
        taxable_amount: '900.00',
        cgst_amount: '81.00',
        sgst_amount: '81.00',
        igst_amount: '0.00',
        total_amount: '1062.00',
      }),
      expect.objectContaining({ line_no: 2, taxable_amount: '50.00', cgst_amount: '1.25', sgst_amount: '1.25', total_amount: '52.50' }),
    ]);
    expect(await stockOf(t, tenant.user.token, widget.id)).toBe('8.000');
    expect(await stockOf(t, tenant.user.token, bolt.id)).toBe('96.000');

    const ledger = await t.app.inject({ method: 'GET', url: `/api/v1/stock/${widget.id}/ledger`, headers: bearer(tenant.user.token) });
    expect(ledger.json().items[0]).toMatchObject({
      source: 'voucher',
      voucher_id: v.id,
      voucher_number: 'SV/2526/00001',
      quantity_out: '2.000',
      quantity_change: '-2.000',
      balance_after: '8.000',
      date: '2025-06-30',
      created_by: tenant.user.id,
    });

    const [audit] = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'voucher.created'), eq(auditEvents.targetId, v.id)));
    expect(audit).toMatchObject({ organizationId: tenant.org.id, actorUserId: tenant.user.id, success: true });
    expect(audit!.details).toMatchObject({ voucher_number: 'SV/2526/00001', grand_total: '1115.00' });
  });

  it('is inter-state (IGST) for a customer in another state, and takes place_of_supply over it', async () => {
    const customer = await createCustomer(t, tenant.user.token, { state_code: '29', gstin: gstinFor('29', 'AAGCB7383J') });
    const product = await createProduct(t, tenant.user.token, { unit_price: '33.33', gst_rate: '18' });
    await adjustStock(t, tenant.admin.token, product.id, '50');
    // 3 x 33.33 = 99.99; IGST 17.9982 -> 18.00; total 117.99 -> +0.01 -> 118.00
    const inter = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      voucher_date: '2025-07-01',
      items: [{ product_id: product.id, quantity: 3 }],
    });
    expect(inter.statusCode).toBe(201);
    expect(inter.json()).toMatchObject({
      place_of_supply: '29',
      is_inter_state: true,
      party: { gstin: customer.gstin },
      igst_amount: '18.00',
      cgst_amount: '0.00',
      total_amount: '117.99',
      round_off: '0.01',
      grand_total: '118.00',
    });
    // Delivered in our own state: intra-state; half of 17.9982 = 8.9991 -> 9.00 each
    const local = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-07-01',
      place_of_supply: '27',
      items: [{ product_id: product.id, quantity: 3 }],
    });
    expect(local.json()).toMatchObject({
      place_of_supply: '27',
      is_inter_state: false,
      cgst_amount: '9.00',
      sgst_amount: '9.00',
      igst_amount: '0.00',
    });
  });

  it('takes the tax out of a GST-inclusive price, and lets a line override price and rate', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { unit_price: '118.00', gst_rate: '18', is_gst_inclusive: true });
    await adjustStock(t, tenant.admin.token, product.id, '10');
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-08-01',
      items: [
        // 118.00 incl. 18 % -> taxable 100.00, 9.00 + 9.00
        { product_id: product.id, quantity: 1 },
        // 1050.00 incl. 5 %, 10 % off: 1000 - 100 = 900.00 taxable; tax 45.00 -> 22.50 + 22.50
        { product_id: product.id, quantity: 1, unit_price: '1050.00', gst_rate: '5', discount_percentage: '10' },
        // exclusive override: 84.50 at 18 %: tax 15.21, half 7.605 -> 7.61 each
        { product_id: product.id, quantity: 1, unit_price: 84.5, is_gst_inclusive: false },
      ],
    });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(
      v.items.map((l: { taxable_amount: string; cgst_amount: string; total_amount: string }) => [
        l.taxable_amount,
        l.cgst_amount,
        l.total_amount,
      ]),
    ).toEqual([
      ['100.00', '9.00', '118.00'],
      ['900.00', '22.50', '945.00'],
      ['84.50', '7.61', '99.72'],
    ]);
    // 118.00 + 945.00 + 99.72 = 1162.72 -> +0.28 -> 1163.00
    expect(v).toMatchObject({
      taxable_amount: '1084.50',
      cgst_amount: '39.11',
      sgst_amount: '39.11',
      total_amount: '1162.72',
      round_off: '0.28',
      grand_total: '1163.00',
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('7.000');
  });
});

describe('purchase voucher', () => {
  it('adds stock; a vendor in another state supplies inter-state; one in ours intra-state', async () => {
    const gujarat = await createVendor(t, tenant.user.token, { state_code: '24', gstin: gstinFor('24') });
    const local = await createVendor(t, tenant.user.token, { state_code: '27' });
    const product = await createProduct(t, tenant.user.token, { unit_price: '250.00', gst_rate: '12' });
    const res = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: gujarat.id,
      date: '2025-05-10',
      supplier_invoice_number: 'GJ/778',
      supplier_invoice_date: '2025-05-08',
      // 40 x 250.00 = 10000.00; IGST 12 % = 1200.00; total 11200.00
      items: [{ product_id: product.id, quantity: 40 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      voucher_number: 'PV/2526/00001',
      vendor_id: gujarat.id,
      supplier_state_code: '24',
      place_of_supply: '27',
      is_inter_state: true,
      supplier_invoice_number: 'GJ/778',
      supplier_invoice_date: '2025-05-08',
      igst_amount: '1200.00',
      grand_total: '11200.00',
    });
    const intra = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: local.id,
      date: '2025-05-11',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(intra.json()).toMatchObject({
      voucher_number: 'PV/2526/00002',
      is_inter_state: false,
      cgst_amount: '15.00',
      sgst_amount: '15.00',
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('41.000');
  });
});

describe('numbering', () => {
  it('numbers per financial year: 31 March and 1 April fall in different series', async () => {
    const fresh = await createTenant(t.deps, { stateCode: '07' });
    const prefix = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organization/settings',
      headers: bearer(fresh.orgAdmin.token),
      payload: { voucher_prefixes: { sales: 'inv' } },
    });
    expect(prefix.json()).toMatchObject({ voucher_prefixes: { sales: 'INV', purchase: 'PV' }, sales_prefix: 'INV' });
    const customer = await createCustomer(t, fresh.user.token, { state_code: '07' });
    const product = await createProduct(t, fresh.user.token);
    await adjustStock(t, fresh.admin.token, product.id, '10');
    const numbers: string[] = [];
    for (const date of ['2026-03-31', '2026-04-01', '2026-03-30', '2026-04-02']) {
      const res = await postVoucher(t, fresh.user.token, 'sales', {
        customer_id: customer.id,
        date,
        items: [{ product_id: product.id, quantity: 1 }],
      });
      numbers.push(res.json().voucher_number);
    }
    expect(numbers).toEqual(['INV/2526/00001', 'INV/2627/00001', 'INV/2526/00002', 'INV/2627/00002']);
    const next = await t.app.inject({
      method: 'GET',
      url: '/api/v1/vouchers/sales/next-number?date=2026-01-15',
      headers: bearer(fresh.user.token),
    });
    expect(next.json()).toMatchObject({ voucher_number: 'INV/2526/00003', fiscal_year: '2526', date: '2026-01-15' });
    const purchase = await t.app.inject({
      method: 'GET',
      url: '/api/v1/vouchers/purchase/next-number?date=2026-04-01',
      headers: bearer(fresh.user.token),
    });
    expect(purchase.json()).toMatchObject({ voucher_number: 'PV/2627/00001' });
  });

  it('a failure after the lines are written leaves no voucher, no stock change and no consumed number', async () => {
    const fresh = await createTenant(t.deps, { stateCode: '27' });
    const customer = await createCustomer(t, fresh.user.token);
    const good = await createProduct(t, fresh.user.token);
    const doomed = await createProduct(t, fresh.user.token, { name: `Doomed ${fresh.org.id}` });
    await adjustStock(t, fresh.admin.token, good.id, '10');
    await adjustStock(t, fresh.admin.token, doomed.id, '10');
    // A real database failure raised while the stock ledger rows are written, after the voucher
    // header and its lines are already in: the whole transaction must roll back.
    const fn = `fail_doomed_${fresh.org.id.replaceAll('-', '')}`;
    await ownerDb(t.deps.handle).execute(
      sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.product_id = '${doomed.id}' AND NEW.source = 'voucher' THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN NEW;
        END $$`),
    );
    await ownerDb(t.deps.handle).execute(
      sql.raw(`CREATE TRIGGER ${fn} BEFORE INSERT ON stock_ledger FOR EACH ROW EXECUTE FUNCTION ${fn}()`),
    );
    const failed = await postVoucher(t, fresh.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-09-01',
      items: [
        { product_id: good.id, quantity: 2 },
        { product_id: doomed.id, quantity: 3 },
      ],
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ code: 'INTERNAL_ERROR', detail: 'Internal server error' });
    expect(await ownerDb(t.deps.handle).select().from(vouchers).where(eq(vouchers.organizationId, fresh.org.id))).toEqual([]);
    expect(await ownerDb(t.deps.handle).select().from(voucherSeries).where(eq(voucherSeries.organizationId, fresh.org.id))).toEqual([]);
    expect(await stockOf(t, fresh.user.token, good.id)).toBe('10.000');
    expect(await stockOf(t, fresh.user.token, doomed.id)).toBe('10.000');
    const ledgerRows = await ownerDb(t.deps.handle)
      .select()
      .from(stockLedger)
      .where(and(eq(stockLedger.organizationId, fresh.org.id), eq(stockLedger.source, 'voucher')));
    expect(ledgerRows).toEqual([]);

    // An invalid product in the last line: refused before anything is written.
    const invalid = await postVoucher(t, fresh.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-09-01',
      items: [
        { product_id: good.id, quantity: 1 },
        { product_id: '0190f0f0-0000-7000-8000-0000000000ff', quantity: 1 },
      ],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors).toEqual([{ field: 'items.1.product_id', message: 'No product with this id in your organisation' }]);

    // The next voucher that succeeds takes number 1.
    const ok = await postVoucher(t, fresh.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-09-01',
      items: [{ product_id: good.id, quantity: 1 }],
    });
    expect(ok.json().voucher_number).toBe('SV/2526/00001');
    expect(await stockOf(t, fresh.user.token, good.id)).toBe('9.000');
  });
});

describe('negative stock', () => {
  it('is refused with 409 naming the product, what is on hand and what was asked', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token, { name: `Scarce ${Date.now()}`, unit: 'KG' });
    await adjustStock(t, tenant.admin.token, product.id, '3');
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-06-01',
      items: [
        { product_id: product.id, quantity: 2 },
        { product_id: product.id, quantity: '2.5' },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      detail: `Not enough stock of "${product.name}": 3.000 KG on hand, 4.500 KG needed`,
      errors: [{ field: 'items.0.quantity' }],
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('3.000');
  });

  it('is allowed when the organisation allows it', async () => {
    const lenient = await createTenant(t.deps, { stateCode: '27', allowNegativeStock: true });
    const customer = await createCustomer(t, lenient.user.token);
    const product = await createProduct(t, lenient.user.token);
    const res = await postVoucher(t, lenient.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-06-01',
      items: [{ product_id: product.id, quantity: 4 }],
    });
    expect(res.statusCode).toBe(201);
    expect(await stockOf(t, lenient.user.token, product.id)).toBe('-4.000');
  });
});

describe('cancel', () => {
  it('reverses stock exactly, keeps the number, is audited; a second cancel is 409', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '5');
    const created = (
      await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-10-01',
        items: [{ product_id: product.id, quantity: '1.5' }],
      })
    ).json();
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('3.500');

    const byUser = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${created.id}/cancel`,
      headers: bearer(tenant.user.token),
      payload: { reason: 'Wrong customer' },
    });
    expect(byUser.statusCode).toBe(403);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${created.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Wrong customer' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      voucher_number: created.voucher_number,
      cancel_reason: 'Wrong customer',
      cancelled_by: tenant.admin.id,
    });
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('5.000');
    const ledger = (
      await t.app.inject({ method: 'GET', url: `/api/v1/stock/${product.id}/ledger`, headers: bearer(tenant.user.token) })
    ).json();
    expect(ledger.items[0]).toMatchObject({
      source: 'voucher_cancel',
      quantity_in: '1.500',
      balance_after: '5.000',
      voucher_number: created.voucher_number,
      reason: 'Wrong customer',
    });

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${created.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Again' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_CANCELLED' });
    const events = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'voucher.cancelled'), eq(auditEvents.targetId, created.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ reason: 'Wrong customer', voucher_number: created.voucher_number });
  });

  it('refuses to cancel a purchase whose goods were already sold (stock would go negative)', async () => {
    const vendor = await createVendor(t, tenant.user.token);
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    const bought = (
      await postVoucher(t, tenant.user.token, 'purchase', {
        vendor_id: vendor.id,
        date: '2025-10-01',
        items: [{ product_id: product.id, quantity: 5 }],
      })
    ).json();
    await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-10-02',
      items: [{ product_id: product.id, quantity: 4 }],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/purchase/${bought.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Returned' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INSUFFICIENT_STOCK');
    // The refusal says why (goods of this purchase were sold) and names the product short.
    expect(res.json().detail).toBe(
      `Cannot cancel ${bought.voucher_number}: goods from this purchase voucher were already sold or used: ` +
        `${product.name} (5.000 PCS in this purchase voucher, 1.000 PCS left in stock). Cancel or return those sales first.`,
    );
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/vouchers/purchase/${bought.id}`, headers: bearer(tenant.user.token) });
    expect(after.json().status).toBe('active');
  });
});

describe('idempotency', () => {
  it('the same key and body return the same voucher without posting twice; another body is 422', async () => {
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '10');
    const body = { customer_id: customer.id, date: '2025-11-01', items: [{ product_id: product.id, quantity: 2 }] };
    const key = { 'idempotency-key': `key-${customer.id}` };
    const first = await postVoucher(t, tenant.user.token, 'sales', body, key);
    const second = await postVoucher(
      t,
      tenant.user.token,
      'sales',
      { ...body, items: [{ product_id: product.id, quantity: '2.000' }] },
      key,
    );
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(second.json().voucher_number).toBe(first.json().voucher_number);
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('8.000');

    const different = await postVoucher(t, tenant.user.token, 'sales', { ...body, items: [{ product_id: product.id, quantity: 3 }] }, key);
    expect(different.statusCode).toBe(422);
    expect(different.json().errors[0].field).toBe('header.idempotency-key');
    expect(await stockOf(t, tenant.user.token, product.id)).toBe('8.000');

    const bad = await postVoucher(t, tenant.user.token, 'sales', body, { 'idempotency-key': 'has space' });
    expect(bad.statusCode).toBe(422);
  });
});

describe('listing', () => {
  it('lists newest first with keyset pagination and filters', async () => {
    const org = await createTenant(t.deps, { stateCode: '27' });
    const alpha = await createCustomer(t, org.user.token, { name: 'Alpha Traders' });
    const beta = await createCustomer(t, org.user.token, { name: 'Beta Stores' });
    const product = await createProduct(t, org.user.token);
    await adjustStock(t, org.admin.token, product.id, '100');
    const dates = ['2025-04-05', '2025-04-05', '2025-04-03', '2025-05-01', '2025-04-20'];
    const ids: string[] = [];
    for (const [i, date] of dates.entries()) {
      const res = await postVoucher(t, org.user.token, 'sales', {
        customer_id: i % 2 === 0 ? alpha.id : beta.id,
        date,
        items: [{ product_id: product.id, quantity: 1 }],
      });
      ids.push(res.json().id);
    }
    const list = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/vouchers/sales?${query}`, headers: bearer(org.user.token) });

    const page1 = (await list('limit=2')).json();
    // by date desc, then number desc: 05-01 (#4), 04-20 (#5), 04-05 (#2), 04-05 (#1), 04-03 (#3)
    expect(page1.items.map((v: { voucher_number: string }) => v.voucher_number)).toEqual(['SV/2526/00004', 'SV/2526/00005']);
    const page2 = (await list(`limit=2&cursor=${page1.next_cursor}`)).json();
    expect(page2.items.map((v: { voucher_number: string }) => v.voucher_number)).toEqual(['SV/2526/00002', 'SV/2526/00001']);
    const page3 = (await list(`limit=2&cursor=${page2.next_cursor}`)).json();
    expect(page3.items.map((v: { voucher_number: string }) => v.voucher_number)).toEqual(['SV/2526/00003']);
    expect(page3.next_cursor).toBeNull();
    // The first page carries the count and totals of everything the filters match; later pages do not.
    expect(page1.summary).toEqual({ count: 5, cancelled_count: 0, taxable_amount: '500.00', tax_amount: '90.00', grand_total: '590.00' });
    expect(page2.summary).toBeNull();
    expect((await list(`party_id=${beta.id}&limit=1`)).json().summary).toEqual({
      count: 2,
      cancelled_count: 0,
      taxable_amount: '200.00',
      tax_amount: '36.00',
      grand_total: '236.00',
    });

    expect((await list(`party_id=${beta.id}`)).json().items.map((v: { voucher_number: string }) => v.voucher_number)).toEqual(
      ['SV/2526/00002', 'SV/2526/00004'].reverse(),
    );
    expect((await list('from_date=2025-04-04&to_date=2025-04-30')).json().items).toHaveLength(3);
    expect((await list('search=beta')).json().items).toHaveLength(2);
    expect((await list('search=SV/2526/00003')).json().items.map((v: { id: string }) => v.id)).toEqual([ids[2]]);
    expect((await list('search=5')).json().items.map((v: { id: string }) => v.id)).toEqual([ids[4]]);

    await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${ids[0]}/cancel`,
      headers: bearer(org.admin.token),
      payload: { reason: 'Duplicate' },
    });
    expect((await list('status=cancelled')).json().items.map((v: { id: string }) => v.id)).toEqual([ids[0]]);
    expect((await list('status=active')).json().items).toHaveLength(4);
    // A cancelled voucher is counted, its amounts are not.
    expect((await list('')).json().summary).toEqual({
      count: 5,
      cancelled_count: 1,
      taxable_amount: '400.00',
      tax_amount: '72.00',
      grand_total: '472.00',
    });
    expect((await list('status=cancelled')).json().summary).toMatchObject({ count: 1, cancelled_count: 1, grand_total: '0.00' });

    const bad = await list('cursor=not-a-cursor');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('query.cursor');
  });
});

describe('database guarantees', () => {
  it('the series and the unique numbers agree', async () => {
    const rows = await queryRows<{ n: number }>(
      ownerDb(t.deps.handle),
      sql`SELECT count(*)::int AS n FROM vouchers v WHERE v.organization_id = ${tenant.org.id} AND v.voucher_type = 'sales'
            AND v.seq >= (SELECT next_number FROM voucher_series s WHERE s.organization_id = v.organization_id AND s.voucher_type = 'sales' AND s.fiscal_year = v.fiscal_year)`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
