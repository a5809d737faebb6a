import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, createCustomer, createProduct, createVendor, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, TestClock, type TestApp } from '../../test/harness';

/**
 * The stock summary (BOOKS.md, "Stock value"; issue 15 item 5) at weighted average cost, worked by hand:
 *
 * Product P (GST 18 %, the GST is input credit, not cost):
 *   05-01 buy 10 at 100.00          10 @ 100.0000 = 1000.00
 *   05-10 buy 5 at 130.00           15 @ (1000 + 650) / 15 = 110.0000 = 1650.00
 *   05-20 sell 6 (at the average)    9 @ 110.0000 = 990.00
 *   06-01 buy 3 at 95.00            12 @ (990 + 285) / 12 = 106.2500 = 1275.00
 *   06-01 that purchase cancelled    9: leaves at its 95.0000, (1275 − 285) / 9 = 110.0000 = 990.00
 * Product Q: 07-01 buy 3 at 10.00, 07-02 buy 4 at 12.00: 7 @ 78 / 7 = 11.1429, value round(7 × 11.1429) = 78.00.
 * Product R: bought and sold out: not listed.
 */

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let other: Awaited<ReturnType<typeof createTenant>>;
let call: ReturnType<typeof apiCaller>;
let p: { id: string; name: string };
let q: { id: string; name: string };
let r: string;

interface Summary {
  as_of: string;
  items: {
    product_id: string;
    name: string;
    part_number: string | null;
    unit: string;
    quantity: string;
    average_cost: string;
    value: string;
  }[];
  product_count: number;
  total_value: string;
  next_cursor: string | null;
}

async function summary(asOf?: string, token = tenant.user.token, page = ''): Promise<Summary> {
  const res = await call('GET', `/reports/stock-summary?${asOf ? `as_of=${asOf}` : ''}${page}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Summary;
}

const row = (s: Summary, id: string) => {
  const i = s.items.find((x) => x.product_id === id);
  return i ? [i.quantity, i.average_cost, i.value] : undefined;
};

beforeAll(async () => {
  t = await buildTestApp({ clock: new TestClock(new Date('2025-09-15T06:30:00Z')) });
  tenant = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
  other = await createTenant(t.deps, { stateCode: '27', booksStartDate: '2025-04-01' });
  call = apiCaller(t);
  const vendor = await createVendor(t, tenant.user.token);
  const customer = await createCustomer(t, tenant.user.token);
  const made = async (name: string, partNumber?: string) => {
    const product = await createProduct(t, tenant.user.token, { name, gst_rate: '18', ...(partNumber ? { part_number: partNumber } : {}) });
    return { id: product.id, name };
  };
  p = await made('Brass Valve', 'BV-15');
  q = await made('Copper Elbow');
  r = (await made('Sold Out Tee')).id;
  const voucher = async (type: 'purchase' | 'sales', date: string, product: string, quantity: number, unitPrice: string) => {
    const res = await postVoucher(t, tenant.user.token, type, {
      ...(type === 'purchase' ? { vendor_id: vendor.id } : { customer_id: customer.id }),
      date,
      items: [{ product_id: product, quantity, unit_price: unitPrice }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  await voucher('purchase', '2025-05-01', p.id, 10, '100.00');
  await voucher('purchase', '2025-05-10', p.id, 5, '130.00');
  await voucher('sales', '2025-05-20', p.id, 6, '200.00');
  const third = await voucher('purchase', '2025-06-01', p.id, 3, '95.00');
  const cancelled = await call('POST', `/vouchers/purchase/${third}/cancel`, tenant.admin.token, { reason: 'Wrong vendor' });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  await voucher('purchase', '2025-07-01', q.id, 3, '10.00');
  await voucher('purchase', '2025-07-02', q.id, 4, '12.00');
  await voucher('purchase', '2025-07-05', r, 2, '40.00');
  await voucher('sales', '2025-07-06', r, 2, '60.00');
}, 120_000);
afterAll(() => t.close());

describe('the stock summary', () => {
  it('today: quantity, recorded weighted average and value per product by name, the total; sold-out products left out', async () => {
    const s = await summary();
    expect(s.as_of).toBe('2025-09-15');
    expect(s.items.map((i) => i.name)).toEqual(['Brass Valve', 'Copper Elbow']);
    expect(s.items[0]).toMatchObject({ part_number: 'BV-15', unit: 'PCS' });
    expect(row(s, p.id)).toEqual(['9.000', '110.0000', '990.00']);
    expect(row(s, q.id)).toEqual(['7.000', '11.1429', '78.00']);
    expect(row(s, r)).toBeUndefined();
    expect(s.total_value).toBe('1068.00');
  });

  it('as on past dates, from the stock value day totals; a purchase and its cancellation on one day leave nothing', async () => {
    expect(row(await summary('2025-05-05'), p.id)).toEqual(['10.000', '100.0000', '1000.00']);
    expect(row(await summary('2025-05-15'), p.id)).toEqual(['15.000', '110.0000', '1650.00']);
    const june = await summary('2025-06-01');
    expect(row(june, p.id)).toEqual(['9.000', '110.0000', '990.00']);
    expect(row(june, q.id)).toBeUndefined();
    expect(june.total_value).toBe('990.00');
    const before = await summary('2025-04-30');
    expect(before).toEqual({ as_of: '2025-04-30', items: [], product_count: 0, total_value: '0.00', next_cursor: null });
  });

  it('pages by name with limit and cursor, every page with the count and total of the whole; without limit, whole', async () => {
    const whole = await summary('2025-07-03');
    expect(whole).toMatchObject({ product_count: 2, total_value: '1068.00', next_cursor: null });
    expect(whole.items.map((i) => i.name)).toEqual(['Brass Valve', 'Copper Elbow']);
    const first = await summary('2025-07-03', tenant.user.token, '&limit=1');
    expect(first).toMatchObject({ product_count: 2, total_value: '1068.00', next_cursor: expect.any(String) });
    expect(first.items.map((i) => i.name)).toEqual(['Brass Valve']);
    const second = await summary('2025-07-03', tenant.user.token, `&limit=1&cursor=${first.next_cursor}`);
    expect(second).toMatchObject({ product_count: 2, total_value: '1068.00', next_cursor: null });
    expect(second.items.map((i) => [i.name, i.quantity, i.average_cost, i.value])).toEqual([['Copper Elbow', '7.000', '11.1429', '78.00']]);
    const exact = await summary('2025-07-03', tenant.user.token, '&limit=2');
    expect([exact.items.length, exact.next_cursor]).toEqual([2, null]);
    // A download is the whole summary whatever page is asked.
    const csv = await call('GET', '/reports/stock-summary?as_of=2025-07-03&limit=1&format=csv', tenant.user.token);
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(4);
    for (const [query, field] of [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['limit=1&cursor=abc', 'query.cursor'],
    ]) {
      const bad = await call('GET', `/reports/stock-summary?${query}`, tenant.user.token);
      expect([query, bad.statusCode, bad.json().errors[0].field]).toEqual([query, 422, field]);
    }
  });

  it("totals the balance sheet's closing stock on the same day", async () => {
    const bs = await call('GET', '/reports/balance-sheet?as_of=2025-07-03', tenant.user.token);
    expect(bs.statusCode, bs.body).toBe(200);
    expect(bs.json().closing_stock).toBe('1068.00');
    expect((await summary('2025-07-03')).total_value).toBe('1068.00');
  });

  it("is any member's, shows another organisation nothing, refuses a bad date, and downloads as CSV", async () => {
    expect((await summary(undefined, other.orgAdmin.token)).items).toEqual([]);
    const bad = await call('GET', '/reports/stock-summary?as_of=yesterday', tenant.user.token);
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toContain('as_of');
    const csv = await call('GET', '/reports/stock-summary?format=csv', tenant.admin.token);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toEqual([
      'Product,Part number,Unit,Quantity,Average cost,Value',
      'Brass Valve,BV-15,PCS,9.000,110.0000,990.00',
      'Copper Elbow,,PCS,7.000,11.1429,78.00',
      'Total,,,,,1068.00',
    ]);
  });
});
