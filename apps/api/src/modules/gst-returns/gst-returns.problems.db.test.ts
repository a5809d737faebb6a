import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, gstinFor, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

/** What keeps GSTR-1 from being exported, and the answers to a bad request (BOOKS.md: never silently dropped). */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27', gstin: gstinFor('27', 'AAPFU0939F'), allowNegativeStock: true });
  call = apiCaller(t);
  const tok = tenant.user.token;
  const ok = await createProduct(t, tok, { name: 'Six digits', hsn_code: '847130' });
  const four = await createProduct(t, tok, { name: 'Four digits', hsn_code: '8471' });
  const none = await createProduct(t, tok, { name: 'No code' });
  const customer = await createCustomer(t, tok, { state_code: '27' });
  const post = async (date: string, products: { id: string }[]) => {
    const res = await postVoucher(t, tok, 'sales', {
      customer_id: customer.id,
      date,
      items: products.map((p) => ({ product_id: p.id, quantity: 1, unit_price: '10.00' })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; voucher_number: string };
  };
  const clean = await post('2026-09-10', [ok, four]);
  const missing = await post('2026-10-03', [ok, none, four]);
  ids.clean = clean.id;
  ids.missing = missing.id;
  ids.missingNumber = missing.voucher_number;
  // A code that no longer passes the product's rule (written before it, or by hand): too short.
  await platformTx(t.deps, (db) =>
    db.execute(sql`UPDATE voucher_lines SET hsn_code = '84' WHERE voucher_id = ${missing.id}::uuid AND line_no = 1`),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('GSTR-1 problems', () => {
  it('422 lists each voucher and line without a valid HSN/SAC; the summary lists them with the voucher to open', async () => {
    const res = await call('GET', '/gst/gstr-1?period=2026-10', tenant.user.token);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { code: string; detail: string; errors: { field: string; message: string }[] };
    expect(body.code).toBe('GST_RETURN_BLOCKED');
    expect(body.errors).toEqual([
      { field: `${ids.missingNumber}.items[1].hsn_code`, message: 'HSN/SAC "84" must be 4, 6 or 8 digits' },
      { field: `${ids.missingNumber}.items[2].hsn_code`, message: 'has no HSN/SAC code (set one on the product "No code")' },
    ]);
    const xlsx = await call('GET', '/gst/gstr-1?period=2026-10&format=xlsx', tenant.user.token);
    expect(xlsx.statusCode).toBe(422);

    const summary = await call('GET', '/gst/gstr-1/summary?period=2026-10', tenant.user.token);
    expect(summary.statusCode, summary.body).toBe(200);
    expect((summary.json() as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ voucher_id: ids.missing, voucher_type: 'sales', line_no: 1, hsn_code: '84' }),
      expect.objectContaining({ voucher_id: ids.missing, line_no: 2, product_name: 'No code', hsn_code: null }),
    ]);
  });

  it('a month without such lines exports; above ₹5 crore turnover a 4-digit code blocks it too', async () => {
    expect((await call('GET', '/gst/gstr-1?period=2026-09', tenant.user.token)).statusCode).toBe(200);
    const set = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { turnover_above_five_crore: true });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as { turnover_above_five_crore: boolean }).turnover_above_five_crore).toBe(true);
    const res = await call('GET', '/gst/gstr-1?period=2026-09', tenant.user.token);
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as { errors: { message: string }[] }).errors).toEqual([
      expect.objectContaining({ message: 'HSN/SAC "8471" must be 6 or 8 digits (aggregate turnover above ₹5 crore)' }),
    ]);
    const summary = await call('GET', '/gst/gstr-1/summary?period=2026-09', tenant.user.token);
    expect((summary.json() as { hsn_min_digits: number }).hsn_min_digits).toBe(6);
    await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { turnover_above_five_crore: false });
  });

  it('422 without the organisation GSTIN, and for a period that is not a month', async () => {
    const bare = await createTenant(t.deps);
    const res = await call('GET', '/gst/gstr-1?period=2026-09', bare.user.token);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'COMPANY_PROFILE_INCOMPLETE', errors: [{ field: 'gstin' }] });
    for (const period of ['2026-13', '2026-1', 'nov', '2016-12']) {
      const bad = await call('GET', `/gst/gstr-3b?period=${period}`, tenant.user.token);
      expect(bad.statusCode, period).toBe(422);
      expect((bad.json() as { errors: { field: string }[] }).errors[0]!.field).toBe('query.period');
    }
    expect((await call('GET', '/gst/gstr-1?period=2026-09&format=pdf', tenant.user.token)).json()).toMatchObject({
      errors: [{ field: 'query.format' }],
    });
    expect((await call('GET', '/gst/gstr-1/summary', tenant.user.token)).statusCode).toBe(422);
  });
});
