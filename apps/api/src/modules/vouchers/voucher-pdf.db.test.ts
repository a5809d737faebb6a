import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from '../../test/business';
import { bearer, createTenant } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { pdfPages, qrCodesOnPage, squeezed } from '../../test/pdf';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
const ORG_GSTIN = gstinFor('27', 'AAPFU0939F');
const CUSTOMER_GSTIN = gstinFor('27', 'ABCDE1234F');
const HINDI_NAME = 'राम कुमार गुप्ता';

function pdfOf(url: string, token: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/vouchers/${url}`, headers: bearer(token) });
}

async function profile(body: Record<string, unknown>, token = tenant.orgAdmin.token) {
  return t.app.inject({ method: 'PATCH', url: '/api/v1/organization/profile', headers: bearer(token), payload: body });
}

let customerId: string;
let widgetId: string;

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
  const res = await profile({
    legal_name: 'Acme Traders Private Limited',
    gstin: ORG_GSTIN,
    pan: 'AAPFU0939F',
    state_code: '27',
    address_line1: '12 MG Road',
    city: 'Pune',
    pin_code: '411001',
    bank_name: 'HDFC Bank',
    bank_account_number: '50100012345678',
    bank_ifsc: 'hdfc0001234',
    bank_branch: 'Camp, Pune',
    upi_id: 'Acme.Traders@okhdfcbank',
    invoice_terms: 'Goods once sold will not be taken back.\nInterest at 18% p.a. after the due date.',
  });
  expect(res.statusCode, res.body).toBe(200);
  const customer = await createCustomer(t, tenant.user.token, { name: HINDI_NAME, gstin: CUSTOMER_GSTIN, address_line1: 'गांधी चौक' });
  customerId = customer.id;
  const widget = await createProduct(t, tenant.user.token, {
    name: 'Steel widget',
    unit: 'KG',
    unit_price: '500.00',
    gst_rate: '18',
    hsn_code: '7326',
  });
  widgetId = widget.id;
  await adjustStock(t, tenant.admin.token, widgetId, '1000');
});
afterAll(() => t.close());

async function sale(items: number, extra: Record<string, unknown> = {}) {
  const res = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customerId,
    date: '2025-06-30',
    reference: 'PO-77',
    items: Array.from({ length: items }, () => ({ product_id: widgetId, quantity: '2.5', discount_percentage: 10 })),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; voucher_number: string; grand_total: string; amount_in_words: string };
}

describe('PDF tax invoice', () => {
  it('prints what a GST tax invoice must carry, from the same data as the voucher', async () => {
    const v = await sale(1);
    const res = await pdfOf(`sales/${v.id}/pdf`, tenant.user.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${v.voucher_number.replaceAll('/', '-')}.pdf"`);
    const pages = await pdfPages(res.rawPayload);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    // 2.5 KG x 500.00, 10 % off: taxable 1,125.00; 18 % intra-state: 101.25 + 101.25; total 1,327.50 -> 1,328.00
    for (const expected of [
      'Tax Invoice',
      'ORIGINAL FOR RECIPIENT',
      'Acme Traders Private Limited',
      v.voucher_number,
      '30/06/2025',
      'Place of supply',
      'Maharashtra (27)',
      `GSTIN: ${ORG_GSTIN}`,
      `GSTIN: ${CUSTOMER_GSTIN}`,
      'Steel widget',
      '7326',
      '2.5 KG',
      '500.00',
      '125.00',
      '1,125.00',
      '18%',
      '101.25',
      'CGST',
      'SGST',
      'Round off',
      '0.50',
      '₹1,328.00',
      'Rupees One Thousand Three Hundred Twenty Eight Only',
      'PO-77',
      'HDFC Bank',
      '50100012345678',
      'HDFC0001234',
      'acme.traders@okhdfcbank',
      'Goods once sold will not be taken back.',
      'Authorised signatory',
    ]) {
      expect(text).toContain(expected);
    }
    expect(v.amount_in_words).toBe('Rupees One Thousand Three Hundred Twenty Eight Only');
    expect(text).not.toContain('IGST');
    expect(text).not.toContain('CANCELLED');
    // The Hindi party name and address come back from the text layer (embedded Devanagari font with a ToUnicode map).
    expect(squeezed(text)).toContain(squeezed(HINDI_NAME));
    expect(squeezed(text)).toContain(squeezed('गांधी चौक'));
  });

  it('renders Tamil and Bengali too, in their own embedded fonts, and they come back from the text layer', async () => {
    const tamil = await createCustomer(t, tenant.user.token, { name: 'முருகன் ஏஜென்சி' });
    const mango = await createProduct(t, tenant.user.token, {
      name: 'আম (mango)',
      unit: 'KG',
      unit_price: '80.00',
      gst_rate: '0',
      hsn_code: '0804',
    });
    await adjustStock(t, tenant.admin.token, mango.id, '10');
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: tamil.id,
      date: '2025-06-30',
      items: [{ product_id: mango.id, quantity: 3 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const pdf = await pdfOf(`sales/${(res.json() as { id: string }).id}/pdf`, tenant.user.token);
    const [text] = await pdfPages(pdf.rawPayload);
    expect(squeezed(text!)).toContain(squeezed('முருகன்'));
    expect(squeezed(text!)).toContain(squeezed('আম(mango)'));
    expect(text).toContain('₹240.00');
    // The fonts are embedded (subsets of the glyphs used), so any viewer draws the same shapes (the party name is bold).
    const fonts = pdf.rawPayload.toString('latin1').match(/\/BaseFont \/[A-Z]{6}\+[\w-]+/g) ?? [];
    expect(fonts.map((f) => f.replace(/.*\+/, ''))).toEqual(
      expect.arrayContaining(['NotoSans-Regular', 'NotoSansTamil-Bold', 'NotoSansBengali-Regular']),
    );
  });

  it('prints the copies asked for, each on its own pages, and refuses an unknown copy naming the parameter', async () => {
    const v = await sale(1);
    const all = await pdfPages((await pdfOf(`sales/${v.id}/pdf?copies=all`, tenant.user.token)).rawPayload);
    expect(all).toHaveLength(3);
    expect(all[0]).toContain('ORIGINAL FOR RECIPIENT');
    expect(all[1]).toContain('DUPLICATE FOR TRANSPORTER');
    expect(all[2]).toContain('TRIPLICATE FOR SUPPLIER');
    for (const page of all) expect(page).toContain('Authorised signatory');
    const two = await pdfPages((await pdfOf(`sales/${v.id}/pdf?copies=triplicate,duplicate`, tenant.user.token)).rawPayload);
    expect(two.map((p) => p.includes('DUPLICATE FOR TRANSPORTER'))).toEqual([true, false]);
    expect(two[1]).toContain('TRIPLICATE FOR SUPPLIER');
    const bad = await pdfOf(`sales/${v.id}/pdf?copies=quadruplicate`, tenant.user.token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'query.copies', message: expect.stringContaining('original, duplicate') }),
    ]);
  });

  it('breaks a 60-line invoice across pages: the header repeated and "continued", the totals once on the last page', async () => {
    const v = await sale(60);
    const res = await pdfOf(`sales/${v.id}/pdf`, tenant.user.token);
    const pages = await pdfPages(res.rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const last = i === pages.length - 1;
      expect(page).toContain(i === 0 ? 'Tax Invoice' : 'Tax Invoice (continued)');
      expect(page).toContain(v.voucher_number);
      expect(page).toContain('HSN/SAC');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page.includes('continued on next page')).toBe(!last);
      expect(page.includes('Grand total')).toBe(last);
    });
    // Every line is printed once, in order, across the pages.
    const rows = pages.join('\n').match(/^\d+ Steel widget/gm) ?? [];
    expect(rows.map((r) => Number(r.split(' ')[0]))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(pages.at(-1)).toContain('Authorised signatory');
  });

  it('marks a cancelled voucher CANCELLED on every page and offers no payment QR', async () => {
    const v = await sale(1);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${v.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Entered twice' },
    });
    expect(cancel.statusCode).toBe(200);
    const res = await pdfOf(`sales/${v.id}/pdf?copies=original,duplicate`, tenant.user.token);
    const pages = await pdfPages(res.rawPayload);
    for (const page of pages) expect(page).toContain('CANCELLED');
    expect(await qrCodesOnPage(res.rawPayload, 1)).toEqual([]);
    const upi = await pdfOf(`sales/${v.id}/upi-payment`, tenant.user.token);
    expect(upi.json()).toEqual({ uri: null, amount: null, qr_svg: null, reason: 'cancelled' });
  });

  it('prints a purchase from another state as the vendor supplying us, with IGST and no UPI QR', async () => {
    const vendor = await createVendor(t, tenant.user.token, {
      name: 'Karnataka Metals',
      state_code: '29',
      gstin: gstinFor('29', 'AAACK1234L'),
    });
    const res = await postVoucher(t, tenant.user.token, 'purchase', {
      vendor_id: vendor.id,
      date: '2025-06-30',
      supplier_invoice_number: 'KM-991',
      items: [{ product_id: widgetId, quantity: 1, unit_price: '1000.00' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json() as { id: string; voucher_number: string };
    const pdf = await pdfOf(`purchase/${v.id}/pdf`, tenant.user.token);
    expect(pdf.statusCode).toBe(200);
    const [text] = await pdfPages(pdf.rawPayload);
    expect(text).toContain('Purchase Voucher');
    expect(text).toContain('SUPPLIER (VENDOR)');
    expect(text).toContain('Karnataka Metals');
    expect(text).toContain('Karnataka (29)');
    expect(text).toContain('KM-991');
    expect(text).toContain('IGST');
    expect(text).toContain('180.00');
    expect(text).not.toContain('CGST');
    expect(await qrCodesOnPage(pdf.rawPayload, 1)).toEqual([]);
    expect((await pdfOf(`purchase/${v.id}/upi-payment`, tenant.user.token)).statusCode).toBe(404);
  });

  it("answers 404 for another organisation's voucher, as reading it does", async () => {
    const v = await sale(1);
    const other = await createTenant(t.deps, { stateCode: '27' });
    for (const url of [`sales/${v.id}/pdf`, `sales/${v.id}/upi-payment`, `purchase/${v.id}/pdf`]) {
      const res = await pdfOf(url, other.orgAdmin.token);
      expect(res.statusCode).toBe(404);
    }
    expect((await pdfOf(`sales/${v.id}/pdf`, tenant.admin.token)).statusCode).toBe(200);
  });
});

describe('UPI QR', () => {
  it('carries a QR a UPI app reads: pay the organisation the amount due on this invoice', async () => {
    const v = await sale(1);
    const res = await pdfOf(`sales/${v.id}/pdf`, tenant.user.token);
    const [text] = await pdfPages(res.rawPayload);
    expect(text).toContain('SCAN TO PAY (UPI)');
    const expected =
      `upi://pay?pa=acme.traders%40okhdfcbank&pn=Acme%20Traders%20Private%20Limited&am=${v.grand_total}` +
      `&cu=INR&tn=${encodeURIComponent(v.voucher_number)}`;
    expect(await qrCodesOnPage(res.rawPayload, 1)).toEqual([expected]);
    const upi = await pdfOf(`sales/${v.id}/upi-payment`, tenant.user.token);
    expect(upi.statusCode).toBe(200);
    expect(upi.json()).toEqual({ uri: expected, amount: '1328.00', qr_svg: expect.stringContaining('<svg'), reason: null });
    // The web page's SVG is the same QR as the PDF's: the same modules from the same link.
    expect(upi.json().qr_svg).toBe(await QRCode.toString(expected, { errorCorrectionLevel: 'M', margin: 2, type: 'svg' }));
  });

  it('validates the UPI ID on the profile (422 naming upi_id) and prints no QR without one', async () => {
    const own = await createTenant(t.deps, { stateCode: '27' });
    for (const bad of ['acme', 'acme@', '@okhdfc', 'acme traders@okhdfc', 'acme@ok hdfc']) {
      const res = await profile({ upi_id: bad }, own.orgAdmin.token);
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().errors).toEqual([{ field: 'upi_id', message: 'must be a UPI ID such as name@bank' }]);
    }
    const ifsc = await profile({ bank_ifsc: 'HDFC1234567' }, own.orgAdmin.token);
    expect(ifsc.json().errors).toEqual([expect.objectContaining({ field: 'bank_ifsc' })]);
    const customer = await createCustomer(t, own.user.token);
    const product = await createProduct(t, own.user.token);
    await adjustStock(t, own.admin.token, product.id, '5');
    const made = await postVoucher(t, own.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-06-30',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    const v = made.json() as { id: string };
    const pdf = await pdfOf(`sales/${v.id}/pdf`, own.user.token);
    expect(await pdfPages(pdf.rawPayload).then(([p]) => p)).not.toContain('SCAN TO PAY');
    expect(await qrCodesOnPage(pdf.rawPayload, 1)).toEqual([]);
    expect((await pdfOf(`sales/${v.id}/upi-payment`, own.user.token)).json()).toMatchObject({ uri: null, reason: 'no_upi_id' });
    const set = await profile({ upi_id: ' Shop-1_a@ybl ' }, own.orgAdmin.token);
    expect(set.json()).toMatchObject({ upi_id: 'shop-1_a@ybl' });
    expect((await pdfOf(`sales/${v.id}/upi-payment`, own.user.token)).json()).toMatchObject({
      uri: expect.stringContaining('pa=shop-1_a%40ybl'),
    });
  });
});
