import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { gstr1SchemaErrors, numbersWithMoreThanTwoDecimals } from '../../test/gstr1-schema';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb, ownerHandle } from '../../test/test-db';
import { queryRows } from '../../db/client';
import { checkIntegrity } from '../integrity';

/**
 * GSTR-1 and GSTR-3B of November 2026 for a Maharashtra (27) business, every figure worked out by
 * hand below and written out in the expected documents (BOOKS.md, "GST returns").
 *
 * Products: Laptop 8471 PCS 18 %; Laptop (MRP) 8471 PCS 18 % price including GST; T-shirt 610910
 * PCS 12 %; Rice 1006 KG 5 %; Chana dal 0713 KG 0 % (nil-rated).
 * Customers: R1 registered in 27, R2 registered in 29, U1 unregistered in 27, U2 unregistered in 29.
 *
 * 31 Oct SV/2627/00001 R1 Laptop 1 × 100.00: October, in no November figure.
 *  2 Nov SV/2627/00002 R1 (intra): Laptop 2 × 1,000.00 = 2,000.00 (CGST 180.00, SGST 180.00);
 *        T-shirt 5 × 200.00 = 1,000.00 (60.00 + 60.00); Chana dal 10 × 50.00 = 500.00 (0 %).
 *        Value 3,980.00 -> b2b (two rates), nil INTRAB2B 500.00.
 *  3 Nov SV/2627/00003 R2 (inter): Laptop 1 × 500.50, IGST 90.09; 590.59 -> 591.00 (+0.41) -> b2b.
 *  5 Nov SV/2627/00004 U2 (inter, unregistered): Laptop 1 × 84,800.00, IGST 15,264.00 = 1,00,064.00:
 *        above ₹1,00,000 -> b2cl.
 *  6 Nov SV/2627/00005 U2: Laptop 1 × 84,700.00, IGST 15,246.00 = 99,946.00: below -> b2cs INTER 29.
 *  7 Nov SV/2627/00006 U1 (intra): Laptop (MRP) 1 × 1,180.00 including GST -> taxable 1,000.00,
 *        90.00 + 90.00; Rice 2 × 105.00 = 210.00, 5.25 + 5.25; 1,400.50 -> 1,401.00 (+0.50) -> b2cs INTRA 27.
 *  8 Nov SV/2627/00007 U1: T-shirt 1 × 100.00, cancelled: only in Table 13 (cancelled 1).
 *  Prefix of sales changed to INV (a second number series in Table 13):
 * 10 Nov INV/2627/00008 R1: Rice 4 × 250.00 = 1,000.00, 25.00 + 25.00 = 1,050.00 -> b2b.
 *
 * Purchases: 4 Nov V1 (27, GSTIN) Laptop 10 × 100.00 = 1,000.00, 90.00 + 90.00; 9 Nov V2 (29, no
 * GSTIN) T-shirt 5 × 100.00 = 500.00, IGST 60.00 (not claimable); 12 Nov V3 (29, GSTIN) Chana dal
 * 20 × 10.00 = 200.00 (nil, inter) and Laptop 2 × 100.00 = 200.00, IGST 36.00.
 *
 * Notes:
 * 15 Nov CN/2627/00001 against SV/2627/00002 (B2B): T-shirt 2 back = 400.00, 24.00 + 24.00; Chana dal
 *        2 back = 100.00 (0 %); 548.00 -> cdnr (the 12 % item), nil INTRAB2B 500.00 − 100.00 = 400.00,
 *        Table 12: T-shirt 5 − 2 = 3 PCS, 1,000.00 − 400.00; Chana dal 10 − 2 = 8 KG, 400.00.
 * 16 Nov CN/2627/00002 against SV/2627/00006 (b2cs): value only on Rice, 10.00, 0.25 + 0.25 = 10.50
 *        -> 11.00: netted in b2cs INTRA 27 5 % (210.00 − 10.00 = 200.00, 5.25 − 0.25 = 5.00 each).
 * 17 Nov CN/2627/00003 against SV/2627/00004 (b2cl): value only, 800.00, IGST 144.00 = 944.00 -> cdnur.
 * 18 Nov DN/2627/00001 against V1's purchase: Laptop 1 back = 100.00, 9.00 + 9.00 = 118.00: no
 *        outward supply (not in cdnr); Table 13 (debit notes), and net of 4(A)(5).
 *
 * GSTR-3B: 3.1(a) taxable 3,000.00 + 500.50 + 84,800.00 + 84,700.00 + 1,210.00 + 1,000.00 − 400.00
 * − 10.00 − 800.00 = 1,74,000.50; IGST 90.09 + 15,264.00 + 15,246.00 − 144.00 = 30,456.09; CGST =
 * SGST = 240.00 + 95.25 + 25.00 − 24.00 − 0.25 = 336.00. 3.1(c) 500.00 − 100.00 = 400.00. 3.2: 29:
 * 1,69,500.00 − 800.00 = 1,68,700.00, IGST 30,510.00 − 144.00 = 30,366.00. 4(A)(5): IGST 36.00, CGST
 * = SGST 90.00 − 9.00 = 81.00 (V2's 60.00 apart). 5: inter 200.00. Purchases 1,900.00 − 100.00.
 * Differences: IGST 30,420.09, CGST = SGST 255.00.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const ORG_GSTIN = gstinFor('27', 'AAPFU0939F');
const R1 = gstinFor('27', 'AACCR1111A');
const R2 = gstinFor('29', 'AACCR2222B');
const V1 = gstinFor('27', 'AACCV3333C');
const V3 = gstinFor('29', 'AACCV4444D');

interface Posted {
  id: string;
  voucher_number: string;
  grand_total: string;
  items: { id: string }[];
}

async function post(type: string, body: Record<string, unknown>): Promise<Posted> {
  const res = await postVoucher(t, tenant.user.token, type, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Posted;
}

const purchase = (body: Record<string, unknown>) => post('purchase', body);

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', gstin: ORG_GSTIN, allowNegativeStock: true });
  call = apiCaller(t);
  const tok = tenant.user.token;
  const laptop = await createProduct(t, tok, { name: 'Laptop', hsn_code: '8471', unit: 'PCS', gst_rate: '18' });
  const mrp = await createProduct(t, tok, { name: 'Laptop (MRP)', hsn_code: '8471', unit: 'PCS', gst_rate: '18', is_gst_inclusive: true });
  const shirt = await createProduct(t, tok, { name: 'T-shirt', hsn_code: '610910', unit: 'PCS', gst_rate: '12' });
  const rice = await createProduct(t, tok, { name: 'Rice', hsn_code: '1006', unit: 'KG', gst_rate: '5' });
  const dal = await createProduct(t, tok, { name: 'Chana dal', hsn_code: '0713', unit: 'KG', gst_rate: '0' });
  const r1 = await createCustomer(t, tok, { name: 'R1', state_code: '27', gstin: R1 });
  const r2 = await createCustomer(t, tok, { name: 'R2', state_code: '29', gstin: R2 });
  const u1 = await createCustomer(t, tok, { name: 'U1', state_code: '27' });
  const u2 = await createCustomer(t, tok, { name: 'U2', state_code: '29' });
  const v1 = await createVendor(t, tok, { name: 'V1', state_code: '27', gstin: V1 });
  const v2 = await createVendor(t, tok, { name: 'V2', state_code: '29' });
  const v3 = await createVendor(t, tok, { name: 'V3', state_code: '29', gstin: V3 });
  const line = (p: { id: string }, quantity: number, unit_price: string) => ({ product_id: p.id, quantity, unit_price });

  await post('sales', { customer_id: r1.id, date: '2026-10-31', items: [line(laptop, 1, '100.00')] });
  const b2b = await post('sales', {
    customer_id: r1.id,
    date: '2026-11-02',
    items: [line(laptop, 2, '1000.00'), line(shirt, 5, '200.00'), line(dal, 10, '50.00')],
  });
  await post('sales', { customer_id: r2.id, date: '2026-11-03', items: [line(laptop, 1, '500.50')] });
  const above = await post('sales', { customer_id: u2.id, date: '2026-11-05', items: [line(laptop, 1, '84800.00')] });
  expect(above.grand_total).toBe('100064.00');
  const below = await post('sales', { customer_id: u2.id, date: '2026-11-06', items: [line(laptop, 1, '84700.00')] });
  expect(below.grand_total).toBe('99946.00');
  const inclusive = await post('sales', {
    customer_id: u1.id,
    date: '2026-11-07',
    items: [line(mrp, 1, '1180.00'), line(rice, 2, '105.00')],
  });
  expect(inclusive.grand_total).toBe('1401.00');
  const cancelled = await post('sales', { customer_id: u1.id, date: '2026-11-08', items: [line(shirt, 1, '100.00')] });
  const cancel = await call('POST', `/vouchers/sales/${cancelled.id}/cancel`, tenant.orgAdmin.token, { reason: 'Keyed twice' });
  expect(cancel.statusCode, cancel.body).toBe(200);
  const prefix = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { voucher_prefixes: { sales: 'INV' } });
  expect(prefix.statusCode, prefix.body).toBe(200);
  const inv = await post('sales', { customer_id: r1.id, date: '2026-11-10', items: [line(rice, 4, '250.00')] });
  expect(inv.voucher_number).toBe('INV/2627/00008');

  const pv1 = await purchase({ vendor_id: v1.id, date: '2026-11-04', items: [line(laptop, 10, '100.00')] });
  await purchase({ vendor_id: v2.id, date: '2026-11-09', items: [line(shirt, 5, '100.00')] });
  await purchase({ vendor_id: v3.id, date: '2026-11-12', items: [line(dal, 20, '10.00'), line(laptop, 2, '100.00')] });

  const cn1 = await post('credit-note', {
    against_voucher_id: b2b.id,
    date: '2026-11-15',
    reason: 'sales_return',
    items: [
      { against_line_id: b2b.items[1]!.id, quantity: 2 },
      { against_line_id: b2b.items[2]!.id, quantity: 2 },
    ],
  });
  expect([cn1.voucher_number, cn1.grand_total]).toEqual(['CN/2627/00001', '548.00']);
  const cn2 = await post('credit-note', {
    against_voucher_id: inclusive.id,
    date: '2026-11-16',
    reason: 'post_sale_discount',
    items: [{ against_line_id: inclusive.items[1]!.id, quantity: 0, taxable_value: '10.00' }],
  });
  expect(cn2.grand_total).toBe('11.00');
  const cn3 = await post('credit-note', {
    against_voucher_id: above.id,
    date: '2026-11-17',
    reason: 'post_sale_discount',
    items: [{ against_line_id: above.items[0]!.id, quantity: 0, taxable_value: '800.00' }],
  });
  expect(cn3.grand_total).toBe('944.00');
  const dn = await post('debit-note', {
    against_voucher_id: pv1.id,
    date: '2026-11-18',
    reason: 'sales_return',
    items: [{ against_line_id: pv1.items[0]!.id, quantity: 1 }],
  });
  expect([dn.voucher_number, dn.grand_total]).toEqual(['DN/2627/00001', '118.00']);
});

afterAll(async () => {
  await t?.close();
});

const EXPECTED_GSTR1 = {
  gstin: ORG_GSTIN,
  fp: '112026',
  version: 'GST3.2.4',
  hash: 'hash',
  b2b: [
    {
      ctin: R1,
      inv: [
        {
          inum: 'SV/2627/00002',
          idt: '02-11-2026',
          val: 3980,
          pos: '27',
          rchrg: 'N',
          inv_typ: 'R',
          itms: [
            { num: 1, itm_det: { txval: 1000, rt: 12, camt: 60, samt: 60, csamt: 0 } },
            { num: 2, itm_det: { txval: 2000, rt: 18, camt: 180, samt: 180, csamt: 0 } },
          ],
        },
        {
          inum: 'INV/2627/00008',
          idt: '10-11-2026',
          val: 1050,
          pos: '27',
          rchrg: 'N',
          inv_typ: 'R',
          itms: [{ num: 1, itm_det: { txval: 1000, rt: 5, camt: 25, samt: 25, csamt: 0 } }],
        },
      ],
    },
    {
      ctin: R2,
      inv: [
        {
          inum: 'SV/2627/00003',
          idt: '03-11-2026',
          val: 591,
          pos: '29',
          rchrg: 'N',
          inv_typ: 'R',
          itms: [{ num: 1, itm_det: { txval: 500.5, rt: 18, iamt: 90.09, csamt: 0 } }],
        },
      ],
    },
  ],
  b2cl: [
    {
      pos: '29',
      inv: [
        {
          inum: 'SV/2627/00004',
          idt: '05-11-2026',
          val: 100064,
          itms: [{ num: 1, itm_det: { txval: 84800, rt: 18, iamt: 15264, csamt: 0 } }],
        },
      ],
    },
  ],
  cdnr: [
    {
      ctin: R1,
      nt: [
        {
          ntty: 'C',
          nt_num: 'CN/2627/00001',
          nt_dt: '15-11-2026',
          val: 548,
          pos: '27',
          rchrg: 'N',
          inv_typ: 'R',
          itms: [{ num: 1, itm_det: { txval: 400, rt: 12, camt: 24, samt: 24, csamt: 0 } }],
        },
      ],
    },
  ],
  cdnur: [
    {
      typ: 'B2CL',
      ntty: 'C',
      nt_num: 'CN/2627/00003',
      nt_dt: '17-11-2026',
      val: 944,
      pos: '29',
      itms: [{ num: 1, itm_det: { txval: 800, rt: 18, iamt: 144, csamt: 0 } }],
    },
  ],
  b2cs: [
    { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 5, txval: 200, camt: 5, samt: 5, csamt: 0 },
    { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 18, txval: 1000, camt: 90, samt: 90, csamt: 0 },
    { sply_ty: 'INTER', pos: '29', typ: 'OE', rt: 18, txval: 84700, iamt: 15246, csamt: 0 },
  ],
  nil: { inv: [{ sply_ty: 'INTRAB2B', nil_amt: 400, expt_amt: 0, ngsup_amt: 0 }] },
  hsn: {
    hsn_b2b: [
      { num: 1, hsn_sc: '0713', desc: 'Chana dal', uqc: 'KGS', qty: 8, rt: 0, txval: 400, iamt: 0, camt: 0, samt: 0, csamt: 0 },
      { num: 2, hsn_sc: '1006', desc: 'Rice', uqc: 'KGS', qty: 4, rt: 5, txval: 1000, iamt: 0, camt: 25, samt: 25, csamt: 0 },
      { num: 3, hsn_sc: '610910', desc: 'T-shirt', uqc: 'PCS', qty: 3, rt: 12, txval: 600, iamt: 0, camt: 36, samt: 36, csamt: 0 },
      { num: 4, hsn_sc: '8471', desc: 'Laptop', uqc: 'PCS', qty: 3, rt: 18, txval: 2500.5, iamt: 90.09, camt: 180, samt: 180, csamt: 0 },
    ],
    hsn_b2c: [
      { num: 1, hsn_sc: '1006', desc: 'Rice', uqc: 'KGS', qty: 2, rt: 5, txval: 200, iamt: 0, camt: 5, samt: 5, csamt: 0 },
      { num: 2, hsn_sc: '8471', desc: 'Laptop', uqc: 'PCS', qty: 3, rt: 18, txval: 169700, iamt: 30366, camt: 90, samt: 90, csamt: 0 },
    ],
  },
  doc_issue: {
    doc_det: [
      {
        doc_num: 1,
        doc_typ: 'Invoices for outward supply',
        docs: [
          { num: 1, from: 'INV/2627/00008', to: 'INV/2627/00008', totnum: 1, cancel: 0, net_issue: 1 },
          { num: 2, from: 'SV/2627/00002', to: 'SV/2627/00007', totnum: 6, cancel: 1, net_issue: 5 },
        ],
      },
      {
        doc_num: 4,
        doc_typ: 'Debit Note',
        docs: [{ num: 1, from: 'DN/2627/00001', to: 'DN/2627/00001', totnum: 1, cancel: 0, net_issue: 1 }],
      },
      {
        doc_num: 5,
        doc_typ: 'Credit Note',
        docs: [{ num: 1, from: 'CN/2627/00001', to: 'CN/2627/00003', totnum: 3, cancel: 0, net_issue: 3 }],
      },
    ],
  },
};

describe('GSTR-1 of a month built by hand', () => {
  it('answers the JSON written out above, valid against the portal schema, amounts with at most two decimals', async () => {
    const res = await call('GET', '/gst/gstr-1?period=2026-11', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="GSTR1_112026.json"');
    const doc = JSON.parse(res.body) as unknown;
    expect(doc).toEqual(EXPECTED_GSTR1);
    expect(gstr1SchemaErrors(doc)).toEqual([]);
    expect(numbersWithMoreThanTwoDecimals(res.body)).toEqual([]);
    // The amounts go out as the database's decimals, two places each.
    expect(res.body).toContain('"txval":500.50,"rt":18,"iamt":90.09');
  });

  it('the schema refuses what the portal would: a missing field, a wrong date format, an unknown section', () => {
    const broken = structuredClone(EXPECTED_GSTR1) as Record<string, unknown> & typeof EXPECTED_GSTR1;
    broken.b2b[0]!.inv[0]!.idt = '2026-11-02';
    expect(gstr1SchemaErrors(broken).map((e) => e.instancePath)).toContain('/b2b/0/inv/0/idt');
    const noPos = structuredClone(EXPECTED_GSTR1) as { b2b: { inv: Record<string, unknown>[] }[] };
    delete noPos.b2b[0]!.inv[0]!.pos;
    expect(gstr1SchemaErrors(noPos).length).toBeGreaterThan(0);
    expect(gstr1SchemaErrors({ ...EXPECTED_GSTR1, b2ba: [] }).length).toBeGreaterThan(0);
  });

  it('the workbook has one sheet per section with the same figures', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/gst/gstr-1?period=2026-11&format=xlsx',
      headers: { authorization: `Bearer ${tenant.user.token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="GSTR1_112026.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'b2b',
      'b2cl',
      'cdnr',
      'cdnur',
      'b2cs',
      'exemp',
      'hsn(b2b)',
      'hsn(b2c)',
      'docs',
      'about',
    ]);
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
    expect(rows('b2b')).toEqual([
      [R1, 'R1', 'SV/2627/00002', '02-11-2026', 3980, '27-Maharashtra', 'N', 'Regular', 12, 1000, 0, 60, 60, 0],
      [R1, 'R1', 'SV/2627/00002', '02-11-2026', 3980, '27-Maharashtra', 'N', 'Regular', 18, 2000, 0, 180, 180, 0],
      [R1, 'R1', 'INV/2627/00008', '10-11-2026', 1050, '27-Maharashtra', 'N', 'Regular', 5, 1000, 0, 25, 25, 0],
      [R2, 'R2', 'SV/2627/00003', '03-11-2026', 591, '29-Karnataka', 'N', 'Regular', 18, 500.5, 90.09, 0, 0, 0],
    ]);
    expect(rows('b2cl')).toEqual([['SV/2627/00004', '05-11-2026', 100064, '29-Karnataka', 18, 84800, 15264, 0]]);
    expect(rows('b2cs')).toHaveLength(3);
    expect(rows('cdnr')).toEqual([[R1, 'R1', 'CN/2627/00001', '15-11-2026', 'C', '27-Maharashtra', 548, 12, 400, 0, 24, 24, 0]]);
    expect(rows('cdnur')).toEqual([['B2CL', 'CN/2627/00003', '17-11-2026', 'C', '29-Karnataka', 944, 18, 800, 144, 0, 0, 0]]);
    expect(rows('docs')).toEqual([
      ['Invoices for outward supply', 'INV/2627/00008', 'INV/2627/00008', 1, 0, 1],
      ['Invoices for outward supply', 'SV/2627/00002', 'SV/2627/00007', 6, 1, 5],
      ['Debit Note', 'DN/2627/00001', 'DN/2627/00001', 1, 0, 1],
      ['Credit Note', 'CN/2627/00001', 'CN/2627/00003', 3, 0, 3],
    ]);
  });

  it('the summary counts each section and totals it', async () => {
    const res = await call('GET', '/gst/gstr-1/summary?period=2026-11', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { sections: { section: string; count: number; taxable_value: string; igst: string }[]; problems: unknown[] };
    const by = Object.fromEntries(body.sections.map((s) => [s.section, s]));
    expect(by.b2b).toMatchObject({ count: 3, taxable_value: '4500.50', igst: '90.09' });
    expect(by.b2cl).toMatchObject({ count: 1, taxable_value: '84800.00', igst: '15264.00' });
    expect(by.b2cs).toMatchObject({ count: 3, taxable_value: '85900.00', igst: '15246.00', cgst: '95.00' });
    expect(by.cdnr).toMatchObject({ count: 1, taxable_value: '400.00', cgst: '24.00' });
    expect(by.cdnur).toMatchObject({ count: 1, taxable_value: '800.00', igst: '144.00' });
    expect(by.nil).toMatchObject({ count: 1, taxable_value: '400.00' });
    expect(by.doc_issue).toMatchObject({ count: 10 });
    expect(body.problems).toEqual([]);
  });

  it('another organisation sees none of it', async () => {
    const other = await createTenant(t.deps, { gstin: gstinFor('27', 'AAACO5555E') });
    const res = await call('GET', '/gst/gstr-1?period=2026-11', other.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      gstin: gstinFor('27', 'AAACO5555E'),
      fp: '112026',
      version: 'GST3.2.4',
      hash: 'hash',
      hsn: { hsn_b2b: [], hsn_b2c: [] },
      doc_issue: { doc_det: [] },
    });
  });
});

describe('GSTR-3B of the same month', () => {
  it('answers the tables worked out above', async () => {
    const res = await call('GET', '/gst/gstr-3b?period=2026-11', tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      period: '2026-11',
      ret_period: '112026',
      gstin: ORG_GSTIN,
      outward_taxable: { taxable_value: '174000.50', igst: '30456.09', cgst: '336.00', sgst: '336.00', cess: '0.00' },
      outward_nil_rated: { taxable_value: '400.00' },
      inter_state_unregistered: [{ place_of_supply: '29', taxable_value: '168700.00', igst: '30366.00' }],
      itc_available: { igst: '36.00', cgst: '81.00', sgst: '81.00', cess: '0.00' },
      itc_not_claimed: { igst: '60.00', cgst: '0.00', sgst: '0.00', cess: '0.00' },
      inward_nil_rated: { inter_state: '200.00', intra_state: '0.00' },
      inward_taxable_value: '1800.00',
      tax_heads: [
        { head: 'igst', output_tax: '30456.09', input_credit: '36.00', difference: '30420.09' },
        { head: 'cgst', output_tax: '336.00', input_credit: '81.00', difference: '255.00' },
        { head: 'sgst', output_tax: '336.00', input_credit: '81.00', difference: '255.00' },
        { head: 'cess', output_tax: '0.00', input_credit: '0.00', difference: '0.00' },
      ],
    });
  });
});

describe('integrity of the month once filed', () => {
  const gstChecks = { only: ['gst_returns_books', 'gst_filed_untouched'] as const, maxProblems: 20 };
  const owner = () => ownerDb(t.deps.handle);
  const check = () => checkIntegrity(ownerHandle(t.deps.handle), { ...gstChecks, only: [...gstChecks.only] });
  const ofOrg = (r: Awaited<ReturnType<typeof check>>) => r.problems.filter((p) => p.organizationId === tenant.org.id);

  it('the returns agree with the ledgers and nothing was posted or cancelled after filing; corruptions of either are found', async () => {
    const filed = await call('POST', '/gst/periods/2026-11/filed', tenant.orgAdmin.token);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(ofOrg(await check())).toEqual([]);

    // A line's IGST changed behind the books' back: the returns no longer equal Output IGST.
    const [line] = await queryRows<{ id: string; igst: string }>(
      owner(),
      sql`SELECT l.id, l.igst_amount::text AS igst FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
           WHERE v.organization_id = ${tenant.org.id} AND v.voucher_number = 'SV/2627/00003'`,
    );
    await owner().execute(sql`UPDATE voucher_lines SET igst_amount = igst_amount + 1 WHERE id = ${line!.id}::uuid`);
    try {
      const found = ofOrg(await check());
      expect(found.map((p) => p.field)).toEqual(['GSTR-1 IGST = Output IGST', 'GSTR-3B 3.1(a) IGST = Output IGST']);
      expect(found[0]).toMatchObject({
        check: 'gst_returns_books',
        subject: 'filed GST period 2026-11',
        expected: "30456.09 (the ledgers' movement of the month)",
        found: '30457.09 (the return)',
      });
    } finally {
      await owner().execute(sql`UPDATE voucher_lines SET igst_amount = ${line!.igst}::numeric WHERE id = ${line!.id}::uuid`);
    }

    // An invoice posted, and one cancelled, after the month was filed (as if the lock had been bypassed).
    const [period] = await queryRows<{ filed_at: string }>(
      owner(),
      sql`SELECT filed_at::text AS filed_at FROM gst_filed_periods WHERE organization_id = ${tenant.org.id}`,
    );
    await owner().execute(
      sql`UPDATE gst_filed_periods SET filed_at = (SELECT cancelled_at - interval '1 second' FROM vouchers
                                                    WHERE organization_id = ${tenant.org.id} AND voucher_number = 'SV/2627/00007')
           WHERE organization_id = ${tenant.org.id}`,
    );
    try {
      const found = ofOrg(await check()).filter((p) => p.check === 'gst_filed_untouched');
      const cancelled = found.find((p) => p.voucherNumber === 'SV/2627/00007');
      expect(cancelled).toMatchObject({ field: 'posted or cancelled', subject: expect.stringContaining('in filed GST period 2026-11') });
      expect(cancelled!.found).toMatch(/^cancelled at /);
      // Everything created after the cancellation (INV/2627/00008 and the notes) is found too.
      expect(found.map((p) => p.voucherNumber)).toEqual(
        expect.arrayContaining(['INV/2627/00008', 'CN/2627/00001', 'CN/2627/00002', 'CN/2627/00003', 'DN/2627/00001']),
      );
    } finally {
      await owner().execute(
        sql`UPDATE gst_filed_periods SET filed_at = ${period!.filed_at}::timestamptz WHERE organization_id = ${tenant.org.id}`,
      );
    }
    expect(ofOrg(await check())).toEqual([]);
    expect((await call('DELETE', '/gst/periods/2026-11/filed', tenant.orgAdmin.token)).statusCode).toBe(200);
  });
});
