import { and, asc, eq } from 'drizzle-orm';
import { financialYearOf, gstinCheckCharacter, indianDate } from '@tritiq/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organizations, users, voucherSeries } from '../../db/schema';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../../test/business';
import { bearer, createTenant, createUser, tokenFor } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { ownerDb } from '../../test/test-db';

let t: TestApp;
let superToken: string;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
  superToken = await tokenFor(t.deps, await createUser(t.deps, { role: 'super_admin' }));
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
const gstin = (first14: string) => first14 + gstinCheckCharacter(first14);
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('licences', () => {
  it('the super admin issues a licence: organisation + org admin with a temporary password shown once', async () => {
    const u = unique();
    const res = await call('POST', '/organizations', superToken, {
      name: `Shree Traders ${u}`,
      admin_email: `owner-${u}@example.test`,
      admin_full_name: 'Asha Rao',
      max_users: 8,
      gstin: gstin('27AAPFU0939F1Z').toLowerCase(),
      pan: 'AAPFU0939F',
      state_code: '27',
      pin_code: '411001',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      message: 'Organization license created successfully',
      organization: {
        name: `Shree Traders ${u}`,
        status: 'active',
        max_users: 8,
        active_users: 1,
        gstin: gstin('27AAPFU0939F1Z'),
        state: 'Maharashtra',
        financial_year_start: '04-01',
      },
      admin: { email: `owner-${u}@example.test`, full_name: 'Asha Rao' },
      must_change_password: true,
      email_sent: expect.any(Boolean),
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `owner-${u}@example.test`, password: body.temporary_password },
    });
    expect(login.json()).toMatchObject({ must_change_password: true, user: { role: 'org_admin', organization_id: body.organization.id } });
    const events = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, body.organization.id));
    expect(events.map((e) => e.action).sort()).toEqual(['auth.login', 'organization.created', 'user.created']);
    expect(JSON.stringify(events)).not.toContain(body.temporary_password);
    expect(t.logs.text()).not.toContain(body.temporary_password);
  });

  it('refuses a duplicate name (any case) or admin email with 409, and bad company details with 422, writing nothing', async () => {
    const u = unique();
    expect(
      (await call('POST', '/organizations', superToken, { name: `Dup ${u}`, admin_email: `a-${u}@example.test`, admin_full_name: 'A' }))
        .statusCode,
    ).toBe(201);
    const sameName = await call('POST', '/organizations', superToken, {
      name: `DUP ${u}`,
      admin_email: `b-${u}@example.test`,
      admin_full_name: 'B',
    });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().detail).toBe('An organisation with this name already exists');
    const sameEmail = await call('POST', '/organizations', superToken, {
      name: `Other ${u}`,
      admin_email: `A-${u}@example.test`,
      admin_full_name: 'B',
    });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().detail).toBe('A user with this email already exists');
    // The failed second insert (the user) rolled the organisation back with it.
    const [orphan] = await ownerDb(t.deps.handle)
      .select()
      .from(organizations)
      .where(eq(organizations.name, `Other ${u}`));
    expect(orphan).toBeUndefined();

    const bad = await call('POST', '/organizations', superToken, {
      name: `Bad ${u}`,
      admin_email: `c-${u}@example.test`,
      admin_full_name: 'C',
      gstin: gstin('27AAPFU0939F1Z'),
      state_code: '29',
      pin_code: '011001',
      pan: 'AAPF1',
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['gstin', 'pan', 'pin_code']);
    const mismatch = await call('POST', '/organizations', superToken, {
      name: `Bad ${u}`,
      admin_email: `c-${u}@example.test`,
      admin_full_name: 'C',
      gstin: gstin('27AAPFU0939F1Z'),
      state_code: '29',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors).toEqual([{ field: 'gstin', message: 'starts with state code 27 but the state code is 29' }]);
    const checksum = await call('POST', '/organizations', superToken, {
      name: `Bad ${u}`,
      admin_email: `c-${u}@example.test`,
      admin_full_name: 'C',
      gstin: '27AAPFU0939F1ZA',
    });
    expect(checksum.json().errors[0]).toEqual({ field: 'gstin', message: 'check character does not match (mistyped?)' });
  });

  it('suspension locks the organisation out at once; reactivation lets it back in', async () => {
    const tenant = await createTenant(t.deps);
    const suspend = await call('POST', `/organizations/${tenant.org.id}/suspend`, superToken, { reason: 'Licence fee unpaid' });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json()).toMatchObject({ status: 'suspended', suspended_reason: 'Licence fee unpaid', suspended_at: expect.any(String) });
    for (const u of [tenant.orgAdmin, tenant.admin, tenant.user]) {
      expect((await call('GET', '/auth/me', u.token)).statusCode).toBe(401);
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: tenant.user.password },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ORGANIZATION_SUSPENDED');
    expect((await call('POST', `/organizations/${tenant.org.id}/reactivate`, superToken)).json().status).toBe('active');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: tenant.user.email, password: tenant.user.password },
    });
    expect(again.statusCode).toBe(200);
    const actions = (await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, tenant.org.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['organization.suspended', 'organization.reactivated']));
  });

  it('lists, reads and changes max_users, never below the active users', async () => {
    const tenant = await createTenant(t.deps, { name: `Listed ${unique()}` });
    const list = await call('GET', `/organizations?search=${encodeURIComponent(tenant.org.name)}`, superToken);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: tenant.org.id, active_users: 3, max_users: 5 }] });
    const read = await call('GET', `/organizations/${tenant.org.id}`, superToken);
    expect(read.json().name).toBe(tenant.org.name);
    const tooLow = await call('PATCH', `/organizations/${tenant.org.id}`, superToken, { max_users: 2 });
    expect(tooLow.statusCode).toBe(409);
    expect(tooLow.json().errors[0].field).toBe('max_users');
    expect((await call('PATCH', `/organizations/${tenant.org.id}`, superToken, { max_users: 3 })).json().max_users).toBe(3);
    expect((await call('GET', '/organizations/0190a000-0000-7000-8000-000000000000', superToken)).statusCode).toBe(404);
    expect((await call('GET', '/organizations/not-a-uuid', superToken)).statusCode).toBe(422);
  });
});

describe('company profile and settings', () => {
  it('everyone in the organisation reads them; the org admin edits them with checked GST details', async () => {
    const tenant = await createTenant(t.deps, { stateCode: null, state: null });
    expect((await call('GET', '/organization/profile', tenant.user.token)).json()).toMatchObject({ id: tenant.org.id, gstin: null });
    const update = await call('PATCH', '/organization/profile', tenant.orgAdmin.token, {
      legal_name: 'Shree Traders Private Limited',
      gstin: gstin('29AAGCS1234K1Z'),
      pan: 'AAGCS1234K',
      state_code: '29',
      city: 'Bengaluru',
      pin_code: '560001',
      email: 'Accounts@Shree.example',
    });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({
      state: 'Karnataka',
      state_code: '29',
      email: 'accounts@shree.example',
      legal_name: 'Shree Traders Private Limited',
    });
    // A later change is checked against what is stored: a PAN that contradicts the GSTIN is refused.
    const pan = await call('PATCH', '/organization/profile', tenant.orgAdmin.token, { pan: 'ABCDE1234F' });
    expect(pan.statusCode).toBe(422);
    expect(pan.json().errors).toEqual([{ field: 'gstin', message: 'contains PAN AAGCS1234K but the PAN is ABCDE1234F' }]);
    const code = await call('PATCH', '/organization/profile', tenant.orgAdmin.token, { state_code: '27' });
    expect(code.statusCode).toBe(422);
    expect(
      (await call('PATCH', '/organization/profile', tenant.orgAdmin.token, { gstin: null, state_code: '27', state: 'Maharashtra' }))
        .statusCode,
    ).toBe(200);
    const empty = await call('PATCH', '/organization/profile', tenant.orgAdmin.token, {});
    expect(empty.statusCode).toBe(422);
    // This organisation's events (other tests update profiles too), oldest first: the two accepted changes.
    const events = await ownerDb(t.deps.handle)
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'organization.profile_updated'), eq(auditEvents.organizationId, tenant.org.id)))
      .orderBy(asc(auditEvents.seq));
    const gstinGiven = update.json().gstin as string;
    expect(gstinGiven).toMatch(/^29AAGCS1234K1Z.$/);
    expect(events.map((e) => e.details)).toEqual([
      {
        changes: {
          legalName: { from: null, to: 'Shree Traders Private Limited' },
          gstin: { from: null, to: gstinGiven },
          pan: { from: null, to: 'AAGCS1234K' },
          stateCode: { from: null, to: '29' },
          state: { from: null, to: 'Karnataka' },
          city: { from: null, to: 'Bengaluru' },
          pinCode: { from: null, to: '560001' },
          email: { from: null, to: 'accounts@shree.example' },
        },
      },
      {
        changes: {
          gstin: { from: gstinGiven, to: null },
          stateCode: { from: '29', to: '27' },
          state: { from: 'Karnataka', to: 'Maharashtra' },
        },
      },
    ]);
  });

  it('settings: a prefix per voucher type (the old sales_prefix too) that fits a 16-character invoice number; audited', async () => {
    const tenant = await createTenant(t.deps);
    expect((await call('GET', '/organization/settings', tenant.user.token)).json()).toEqual({
      allow_negative_stock: false,
      voucher_prefixes: {
        sales: 'SV',
        purchase: 'PV',
        receipt: 'RC',
        payment: 'PY',
        contra: 'CT',
        journal: 'JV',
        'credit-note': 'CN',
        'debit-note': 'DN',
      },
      sales_prefix: 'SV',
      purchase_prefix: 'PV',
      date_format: 'DD/MM/YYYY',
      books_start_date: '2000-04-01',
      max_days_ahead: 3,
      books_locked_until: null,
      turnover_above_five_crore: false,
      payment_reminders_enabled: false,
      payment_reminder_after_days: 7,
      payment_reminder_every_days: 7,
      share_links_enabled: false,
    });
    const ok = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { sales_prefix: 'inv', allow_negative_stock: true });
    expect(ok.json()).toMatchObject({
      voucher_prefixes: { sales: 'INV', purchase: 'PV' },
      sales_prefix: 'INV',
      allow_negative_stock: true,
    });
    const byType = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { voucher_prefixes: { purchase: 'pur' } });
    expect(byType.json()).toMatchObject({ voucher_prefixes: { sales: 'INV', purchase: 'PUR' }, purchase_prefix: 'PUR' });
    const long = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, {
      purchase_prefix: 'PURCHASE',
      date_format: 'D/M/Y',
    });
    expect(long.statusCode).toBe(422);
    expect(
      long
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['date_format', 'purchase_prefix']);
    const unknown = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { voucher_prefixes: { quotation: 'QT' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: 'voucher_prefixes.quotation', message: expect.stringContaining('not a voucher type') },
    ]);
    const clash = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, {
      sales_prefix: 'A',
      voucher_prefixes: { sales: 'B' },
    });
    expect(clash.json().errors[0]).toMatchObject({ field: 'sales_prefix' });
    // The prefix is the current financial year's series'; nothing else of the organisation changed.
    const series = await ownerDb(t.deps.handle).select().from(voucherSeries).where(eq(voucherSeries.organizationId, tenant.org.id));
    const fy = financialYearOf(indianDate(t.clock.now())).code;
    expect(series.map((r) => [r.voucherType, r.fiscalYear, r.prefix, r.nextNumber]).sort()).toEqual([
      ['purchase', fy, 'PUR', 1],
      ['sales', fy, 'INV', 1],
    ]);
    const [row] = await ownerDb(t.deps.handle).select().from(organizations).where(eq(organizations.id, tenant.org.id));
    expect(row).toMatchObject({ allowNegativeStock: true, dateFormat: 'DD/MM/YYYY' });
    const events = (await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, tenant.org.id)))
      .filter((e) => e.action === 'organization.settings_updated')
      .map((e) => e.details);
    expect(events).toEqual([
      { changes: { allowNegativeStock: { from: false, to: true }, voucherPrefixes: { sales: { from: 'SV', to: 'INV' } } } },
      { changes: { voucherPrefixes: { purchase: { from: 'PV', to: 'PUR' } } } },
    ]);
  });

  it('the dating window: the books start (never after a voucher already recorded) and how many days ahead', async () => {
    const tenant = await createTenant(t.deps, { booksStartDate: '2024-04-01' });
    const customer = await createCustomer(t, tenant.user.token);
    const product = await createProduct(t, tenant.user.token);
    await adjustStock(t, tenant.admin.token, product.id, '5');
    const sale = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-05-10',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(sale.statusCode).toBe(201);
    const late = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_start_date: '2025-06-01' });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ field: 'books_start_date', message: expect.stringContaining('2025-05-10') });
    const bad = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { max_days_ahead: 400 });
    expect(bad.json().errors[0]).toMatchObject({ field: 'max_days_ahead', message: 'must be at most 366' });
    const ok = await call('PATCH', '/organization/settings', tenant.orgAdmin.token, { books_start_date: '2025-04-01', max_days_ahead: 0 });
    expect(ok.json()).toMatchObject({ books_start_date: '2025-04-01', max_days_ahead: 0 });
    const before = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-03-31',
      items: [{ product_id: product.id, quantity: 1 }],
    });
    expect(before.statusCode).toBe(422);
    expect(before.json().errors).toEqual([
      { field: 'date', message: 'must be on or after 01/04/2025, when the books start (Settings, Preferences)' },
    ]);
    expect((await call('PATCH', '/organization/settings', tenant.user.token, { max_days_ahead: 5 })).statusCode).toBe(403);
  });

  it('a new licence keeps its books from the start of the current financial year, unless told otherwise', async () => {
    const u = unique();
    const fyStart = financialYearOf(indianDate(t.clock.now())).start;
    const plain = await call('POST', '/organizations', superToken, {
      name: `Books ${u}`,
      admin_email: `b-${u}@example.test`,
      admin_full_name: 'B',
    });
    const [row] = await ownerDb(t.deps.handle).select().from(organizations).where(eq(organizations.id, plain.json().organization.id));
    expect(row!.booksStartDate).toBe(fyStart);
    const told = await call('POST', '/organizations', superToken, {
      name: `Books early ${u}`,
      admin_email: `e-${u}@example.test`,
      admin_full_name: 'E',
      books_start_date: '2023-04-01',
    });
    const [early] = await ownerDb(t.deps.handle).select().from(organizations).where(eq(organizations.id, told.json().organization.id));
    expect(early!.booksStartDate).toBe('2023-04-01');
  });
});

describe('cross-tenant isolation', () => {
  it("a user of organisation B asking for A's records by id gets 404 and changes nothing", async () => {
    const a = await createTenant(t.deps);
    const b = await createTenant(t.deps);
    const snapshot = async () => ownerDb(t.deps.handle).select().from(users).where(eq(users.organizationId, a.org.id));
    const before = await snapshot();
    const requests = [
      ['GET', `/users/${a.user.id}`, undefined],
      ['PATCH', `/users/${a.user.id}`, { full_name: 'Hijacked', role: 'admin' }],
      ['POST', `/users/${a.user.id}/deactivate`, undefined],
      ['POST', `/users/${a.user.id}/reactivate`, undefined],
      ['POST', `/users/${a.user.id}/reset-password`, undefined],
      ['GET', `/users/${a.orgAdmin.id}`, undefined],
    ] as const;
    for (const [method, url, payload] of requests) {
      for (const caller of url.endsWith('reset-password') ? [b.orgAdmin] : [b.orgAdmin, b.admin]) {
        const res = await call(method, url, caller.token, payload);
        expect(res.statusCode, `${caller.role} ${method} ${url}`).toBe(404);
        expect(res.json().detail).toBe('User not found');
      }
    }
    expect(await snapshot()).toEqual(before);
    expect((await call('GET', '/auth/me', a.user.token)).statusCode).toBe(200);
    // Lists and the profile are B's own, never A's.
    const list = await call('GET', '/users', b.orgAdmin.token);
    expect(list.json().items.every((u: { organization_id: string }) => u.organization_id === b.org.id)).toBe(true);
    expect((await call('GET', '/organization/profile', b.user.token)).json().id).toBe(b.org.id);
  });
});
