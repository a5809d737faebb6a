import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from '../../test/business';
import { bearer, createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { pdfPages, squeezed } from '../../test/pdf';

/**
 * The PDFs of credit and debit notes (tax documents that name the invoice they are made against
 * and why) and of receipts (a payment receipt), read back from their text layer (issue 17 item 1).
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let bank: string;
const ORG_GSTIN = gstinFor('27', 'AAPFU0939F');

function get(url: string, token = tenant.user.token) {
  return t.app.inject({ method: 'GET', url: `/api/v1/vouchers/${url}`, headers: bearer(token) });
}

async function post<T = { id: string; voucher_number: string; grand_total: string; items: { id: string }[] }>(
  type: string,
  body: Record<string, unknown>,
): Promise<T> {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', legalName: 'Acme Traders Private Limited', gstin: ORG_GSTIN });
  const [row] = await platformTx(t.deps, (db) =>
    queryRows<{ id: string }>(
      db,
      sql`INSERT INTO ledgers (id, organization_id, group_id, name)
          SELECT gen_random_uuid(), organization_id, id, 'HDFC Current A/c' FROM account_groups
           WHERE organization_id = ${tenant.org.id} AND system_key = 'bank_accounts' RETURNING id`,
    ),
  );
  bank = row!.id;
});
afterAll(() => t.close());

let widgets = 0;
async function widget() {
  const p = await createProduct(t, tenant.user.token, {
    name: `Steel widget ${++widgets}`,
    unit: 'KG',
    unit_price: '500.00',
    gst_rate: '18',
    hsn_code: '7326',
  });
  await adjustStock(t, tenant.admin.token, p.id, '100');
  return p.id;
}

describe('credit and debit note PDFs', () => {
  it('a credit note prints as a tax document naming the invoice, its date and the reason', async () => {
    const customer = await createCustomer(t, tenant.user.token, { name: 'Rao Stores', gstin: gstinFor('27', 'ABCDE1234F') });
    const product = await widget();
    const invoice = await post('sales', { customer_id: customer.id, date: '2025-06-10', items: [{ product_id: product, quantity: 4 }] });
    const note = await post('credit-note', {
      against_voucher_id: invoice.id,
      date: '2025-06-20',
      reason: 'sales_return',
      items: [{ against_line_id: invoice.items[0]!.id, quantity: 1 }],
    });
    const res = await get(`credit-note/${note.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const [text] = await pdfPages(res.rawPayload);
    // 1 KG x 500.00 at 18 % intra-state: 45.00 + 45.00, 590.00.
    for (const expected of [
      'Credit Note',
      'Credit note no.',
      note.voucher_number,
      '20/06/2025',
      'Against invoice',
      `${invoice.voucher_number}, 10/06/2025`,
      'Reason',
      'Sales return',
      `GSTIN: ${ORG_GSTIN}`,
      `GSTIN: ${gstinFor('27', 'ABCDE1234F')}`,
      'Rao Stores',
      'Steel widget',
      '7326',
      '45.00',
      '₹590.00',
      'Authorised signatory',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('a debit note names the purchase voucher it returns against and its reason', async () => {
    const vendor = await createVendor(t, tenant.user.token, {
      name: 'Karnataka Metals',
      state_code: '29',
      gstin: gstinFor('29', 'AAACK1234L'),
    });
    const product = await widget();
    const purchase = await post('purchase', {
      vendor_id: vendor.id,
      date: '2025-06-05',
      supplier_invoice_number: 'KM-12',
      items: [{ product_id: product, quantity: 3, unit_price: '1000.00' }],
    });
    const note = await post('debit-note', {
      against_voucher_id: purchase.id,
      date: '2025-06-25',
      reason: 'deficiency_in_services',
      items: [{ against_line_id: purchase.items[0]!.id, quantity: 1 }],
    });
    const [text] = await pdfPages((await get(`debit-note/${note.id}/pdf`)).rawPayload);
    for (const expected of [
      'Debit Note',
      note.voucher_number,
      'Against voucher',
      `${purchase.voucher_number}, 05/06/2025`,
      'Deficiency in services',
      'Karnataka Metals',
      'IGST',
      '180.00',
      '₹1,180.00',
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe('receipt PDF', () => {
  it('prints a payment receipt: who paid, the amount in figures and words, how, and the bills it settles', async () => {
    const customer = await createCustomer(t, tenant.user.token, { name: 'राम कुमार गुप्ता', gstin: gstinFor('27', 'AAAPR1234C') });
    const product = await widget();
    const invoice = await post('sales', { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product, quantity: 1 }] });
    const [bill] = await platformTx(t.deps, (db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM bills WHERE voucher_id = ${invoice.id}`),
    );
    const receipt = await post<{ id: string; voucher_number: string }>('receipt', {
      customer_id: customer.id,
      date: '2025-07-10',
      amount: '1000.00',
      mode: 'bank_transfer',
      transfer_reference: 'UTR998877',
      cash_bank_ledger_id: bank,
      allocations: [{ bill_id: bill!.id, amount: '590.00' }],
    });
    const res = await get(`receipt/${receipt.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${receipt.voucher_number.replaceAll('/', '-')}.pdf"`);
    const pages = await pdfPages(res.rawPayload);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    for (const expected of [
      'Payment Receipt',
      'Receipt no.',
      receipt.voucher_number,
      '10/07/2025',
      'Acme Traders Private Limited',
      `GSTIN: ${ORG_GSTIN}`,
      'RECEIVED FROM',
      'AMOUNT RECEIVED',
      '₹1,000.00',
      'Rupees One Thousand Only',
      'Mode: Bank transfer',
      'UTR / reference: UTR998877',
      'Into: HDFC Current A/c',
      invoice.voucher_number,
      '01/07/2025',
      '590.00',
      'ON ACCOUNT (ADVANCE)',
      '₹410.00',
      'Authorised signatory',
    ]) {
      expect(text).toContain(expected);
    }
    expect(squeezed(text)).toContain(squeezed('राम कुमार गुप्ता'));
    expect(text).not.toContain('CANCELLED');
  });

  it('marks a cancelled receipt CANCELLED, and answers 404 to another organisation', async () => {
    const customer = await createCustomer(t, tenant.user.token, { name: 'Cash Customer' });
    const receipt = await post('receipt', {
      customer_id: customer.id,
      date: '2025-07-10',
      amount: '250.00',
      mode: 'cash',
      cash_bank_ledger_id: bank,
    });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/receipt/${receipt.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Cheque bounced' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const [text] = await pdfPages((await get(`receipt/${receipt.id}/pdf`)).rawPayload);
    expect(text).toContain('CANCELLED');
    expect(text).toContain('Mode: Cash');
    expect(text).not.toContain('ON ACCOUNT');
    const other = await createTenant(t.deps, { stateCode: '27' });
    expect((await get(`receipt/${receipt.id}/pdf`, other.orgAdmin.token)).statusCode).toBe(404);
  });

  it('a payment prints no document (no PDF route)', async () => {
    expect((await get(`payment/${crypto.randomUUID()}/pdf`)).statusCode).toBe(404);
  });
});
