import { sql } from 'drizzle-orm';
import { checkIntegrity, type CheckId, type IntegrityProblem, type IntegrityReport } from '../modules/integrity';
import { adjustStock, createCustomer, createProduct, createVendor, gstinFor, postVoucher } from './business';
import { bearer, createTenant } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { ownerDb, ownerHandle } from './test-db';

/**
 * The integrity checker's test data: real vouchers made through the API in two organisations
 * (purchases, intra- and inter-state sales, GST-inclusive prices, discounts, a cancelled sale,
 * stock adjustments), and the means to corrupt it through the owner's connection (as an operator
 * with database access would), check, and put it back, so each test sees exactly its own corruption.
 */

export interface Posted {
  id: string;
  voucher_number: string;
  grand_total: string;
  round_off: string;
  party_id: string;
  items: { product_id: string; cgst_amount: string; taxable_amount: string }[];
  taxable_amount: string;
  cgst_amount: string;
}

export interface IntegrityFixture {
  t: TestApp;
  a: Awaited<ReturnType<typeof createTenant>>;
  b: Awaited<ReturnType<typeof createTenant>>;
  v: Record<string, Posted>;
  products: { widget: string; inclusive: string; odd: string };
  parties: { local: string; away: string; vendor: string; farVendor: string };
  /** Runs statements one at a time as the owner (PGlite's extended protocol takes one per query); each ends a line with `;`. */
  run(sqlText: string): Promise<void>;
  check(): Promise<IntegrityReport>;
  /** Applies `corrupt`, runs the checker, then `restore`s. */
  withCorruption(corrupt: string, restore: string): Promise<IntegrityReport>;
}

export function problemsOf(report: IntegrityReport, check: CheckId): IntegrityProblem[] {
  return report.problems.filter((p) => p.check === check);
}

export function failedChecks(report: IntegrityReport): CheckId[] {
  return report.checks.filter((c) => c.problemCount > 0).map((c) => c.id);
}

export async function setUpIntegrityFixture(): Promise<IntegrityFixture> {
  const t = await buildTestApp();
  const a = await createTenant(t.deps, { stateCode: '27', name: `Integrity A ${Date.now()}` });
  const b = await createTenant(t.deps, { stateCode: '29' });
  const v: Record<string, Posted> = {};
  const post = async (token: string, type: 'sales' | 'purchase', payload: Record<string, unknown>): Promise<Posted> => {
    const res = await postVoucher(t, token, type, payload);
    if (res.statusCode !== 201) throw new Error(`voucher answered ${res.statusCode}: ${res.body}`);
    return res.json() as Posted;
  };
  const token = a.user.token;
  const local = await createCustomer(t, token, { state_code: '27' });
  const away = await createCustomer(t, token, { state_code: '29', gstin: gstinFor('29') });
  const vendor = await createVendor(t, token, { state_code: '27' });
  const farVendor = await createVendor(t, token, { state_code: '33' });
  const widget = await createProduct(t, token, { unit_price: '500.00', gst_rate: '18' });
  const inclusive = await createProduct(t, token, { unit_price: '105.00', gst_rate: '5', is_gst_inclusive: true });
  const odd = await createProduct(t, token, { unit_price: '199.99', gst_rate: '12' });
  const products = { widget: widget.id, inclusive: inclusive.id, odd: odd.id };
  const parties = { local: local.id, away: away.id, vendor: vendor.id, farVendor: farVendor.id };
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

  const run = async (sqlText: string) => {
    for (const statement of sqlText.split(/;\s*\n/)) await ownerDb(t.deps.handle).execute(sql.raw(statement));
  };
  const check = () => checkIntegrity(ownerHandle(t.deps.handle), { maxProblems: 20 });
  const withCorruption = async (corrupt: string, restore: string) => {
    await run(corrupt);
    try {
      return await check();
    } finally {
      await run(restore);
    }
  };
  return { t, a, b, v, products, parties, run, check, withCorruption };
}
