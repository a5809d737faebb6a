import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './test/business';
import { bearer, createTenant } from './test/factories';
import { buildTestApp, type TestApp } from './test/harness';

/**
 * A streamed export (a list's every page as CSV or Excel) reads its first page before the file
 * starts (lib/export.ts, withFirstBatchRead): a search refused by that read is answered as the
 * JSON list answers it, not with a download cut short (the fuzzer's find: a NUL in `search`).
 */
let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await buildTestApp();
  tenant = await createTenant(t.deps, { stateCode: '27' });
});
afterAll(() => t.close());

const NUL_SEARCH = 'search=ab%00cd';

describe('streamed exports and the first page', () => {
  it('a search the read refuses answers 422, as JSON and as either file alike', async () => {
    for (const format of ['', '&format=csv', '&format=xlsx']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/vouchers/receipt?${NUL_SEARCH}${format}`,
        headers: bearer(tenant.user.token),
      });
      expect(res.statusCode, format).toBe(422);
      expect(res.headers['content-type'], format).toMatch(/application\/json/);
      expect(res.json(), format).toMatchObject({ code: 'VALIDATION_ERROR', detail: expect.stringContaining('NUL') });
    }
  });

  it('a good export still streams every row', async () => {
    const customers = [];
    for (let i = 0; i < 3; i++) customers.push(await createCustomer(t, tenant.user.token, { name: `First Page Customer ${i}` }));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers?format=csv&limit=1', headers: bearer(tenant.user.token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    for (const c of customers) expect(res.body).toContain(c.name);
  });
});
