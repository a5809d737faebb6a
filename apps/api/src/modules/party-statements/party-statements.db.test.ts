import { addDays, indianDate } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { adjustStock, apiCaller, createCustomer, createProduct, gstinFor, postVoucher } from '../../test/business';
import { EmailTestBed } from '../../test/email';
import { bearer, createTenant } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { pdfPages, squeezed } from '../../test/pdf';
import { waitUntil } from '../../test/smtp';

const bed = EmailTestBed.forFile();

/**
 * A customer (credit 0 days: each invoice is due on its date) with three sales invoices of
 * 1,000.00 + 18 % (1,180.00 each unit): 100 days ago 1 unit, 20 days ago 2 units, 5 days ago 1
 * unit (cancelled). Its ledger: 1,180.00, 3,540.00, 4,720.00, and back to 3,540.00 with the
 * cancellation's reversal; open bills: the first (100 days overdue: over 90) and the second (20
 * days: 1-30).
 */
async function company(t: TestApp) {
  const today = indianDate(new Date());
  const tenant = await createTenant(t.deps, {
    stateCode: '27',
    legalName: 'Sahyadri Tools Private Limited',
    gstin: gstinFor('27'),
    booksStartDate: '2020-04-01',
    email: 'accounts@sahyadri.example',
  });
  const product = await createProduct(t, tenant.user.token, {
    name: 'Torque wrench',
    hsn_code: '8204',
    unit_price: '1000.00',
    gst_rate: '18',
  });
  await adjustStock(t, tenant.admin.token, product.id, '100');
  const customer = await createCustomer(t, tenant.user.token, {
    name: 'राम Traders',
    email: 'ram@example.in',
    gstin: gstinFor('27', 'AAGCR4375J'),
    credit_days: 0,
  });
  const sell = async (daysAgo: number, quantity: number) => {
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: addDays(today, -daysAgo),
      items: [{ product_id: product.id, quantity }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; voucher_number: string; grand_total: string };
  };
  const s1 = await sell(100, 1);
  const s2 = await sell(20, 2);
  const s3 = await sell(5, 1);
  const cancel = await t.app.inject({
    method: 'POST',
    url: `/api/v1/vouchers/sales/${s3.id}/cancel`,
    headers: bearer(tenant.admin.token),
    payload: { reason: 'Wrong customer' },
  });
  expect(cancel.statusCode, cancel.body).toBe(200);
  return { today, tenant, customer, s1, s2, s3 };
}

describe('statement of account', () => {
  it('JSON: opening balance, every entry with the running balance (a cancellation and its reversal), closing balance, open bills aged', async () => {
    const t = await bed.app();
    const { today, tenant, customer, s1, s2, s3 } = await company(t);
    const call = apiCaller(t);
    const from = addDays(today, -120);
    const res = await call('GET', `/parties/${customer.id}/statement?from=${from}&to=${today}`, tenant.user.token);
    expect(res.statusCode, res.body).toBe(200);
    const st = res.json();
    expect(st.party).toMatchObject({ id: customer.id, kind: 'customer', name: 'राम Traders', email: 'ram@example.in' });
    expect(st.period).toEqual({ from, to: today });
    expect(st.opening_balance).toBe('0.00');
    expect(st.items.map((e: Record<string, unknown>) => [e.voucher_number, e.is_cancellation, e.debit, e.credit, e.balance])).toEqual([
      [s1.voucher_number, false, '1180.00', '0.00', '1180.00'],
      [s2.voucher_number, false, '2360.00', '0.00', '3540.00'],
      [s3.voucher_number, false, '1180.00', '0.00', '4720.00'],
      [s3.voucher_number, true, '0.00', '1180.00', '3540.00'],
    ]);
    expect(st.items[0]).toMatchObject({ voucher_type: 'sales', voucher_label: 'Sales voucher', date: addDays(today, -100) });
    expect(st.closing_balance).toBe('3540.00');
    expect(st.as_of).toBe(today);
    expect(st.open_bills.map((b: Record<string, unknown>) => [b.ref, b.due_date, b.outstanding, b.days_overdue, b.bucket])).toEqual([
      [s1.voucher_number, addDays(today, -100), '1180.00', 100, 'over_90'],
      [s2.voucher_number, addDays(today, -20), '2360.00', 20, '1-30'],
    ]);
    expect(st.ageing.total).toBe('3540.00');
    expect(Object.fromEntries(st.ageing.buckets.map((b: { bucket: string; amount: string }) => [b.bucket, b.amount]))).toEqual({
      not_due: '0.00',
      '1-30': '2360.00',
      '31-60': '0.00',
      '61-90': '0.00',
      over_90: '1180.00',
    });

    // From after the first invoice: it is in the opening balance.
    const later = (
      await call('GET', `/parties/${customer.id}/statement?from=${addDays(today, -50)}&to=${today}`, tenant.user.token)
    ).json();
    expect(later.opening_balance).toBe('1180.00');
    expect(later.items).toHaveLength(3);
    expect(later.items[0]).toMatchObject({ voucher_number: s2.voucher_number, balance: '3540.00' });
    expect(later.closing_balance).toBe('3540.00');

    // Input and tenancy.
    const bad = await call('GET', `/parties/${customer.id}/statement?from=${today}&to=${addDays(today, -1)}`, tenant.user.token);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
    const other = await createTenant(t.deps);
    expect((await call('GET', `/parties/${customer.id}/statement`, other.admin.token)).statusCode).toBe(404);
  });

  it('JSON is keyset-paged: the pages join to the whole period, each opening on the last running balance, the totals of the period on every page', async () => {
    const t = await bed.app();
    const { today, tenant, customer, s3 } = await company(t);
    const call = apiCaller(t);
    const url = `/parties/${customer.id}/statement?from=${addDays(today, -120)}&to=${today}`;
    type Page = {
      opening_balance: string;
      page_opening_balance: string;
      total_debit: string;
      total_credit: string;
      closing_balance: string;
      items: { voucher_number: string; is_cancellation: boolean; balance: string }[];
      next_cursor: string | null;
    };
    const read = async (query: string): Promise<Page> => {
      const res = await call('GET', `${url}${query}`, tenant.user.token);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const whole = await read('');
    expect(whole.items).toHaveLength(4);
    expect([whole.page_opening_balance, whole.next_cursor]).toEqual(['0.00', null]);
    const figures = (p: Page) => [p.opening_balance, p.total_debit, p.total_credit, p.closing_balance];
    expect(figures(whole)).toEqual(['0.00', '4720.00', '1180.00', '3540.00']);

    // One entry a page splits the cancelled invoice from its reversal (same date and voucher); three a page, 3 + 1.
    for (const limit of [1, 3]) {
      const pages: Page[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await read(`&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push(page);
        cursor = page.next_cursor;
      } while (cursor);
      expect(pages.map((p) => p.items.length)).toEqual(limit === 1 ? [1, 1, 1, 1] : [3, 1]);
      expect(pages.flatMap((p) => p.items)).toEqual(whole.items);
      for (const p of pages) expect(figures(p)).toEqual(figures(whole));
      expect(pages[0]!.page_opening_balance).toBe(whole.opening_balance);
      for (let i = 1; i < pages.length; i++) expect(pages[i]!.page_opening_balance).toBe(pages[i - 1]!.items.at(-1)!.balance);
    }

    // The PDF is never a page: every entry of the period whatever the limit.
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1${url}&format=pdf&limit=1`, headers: bearer(tenant.user.token) });
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = squeezed((await pdfPages(pdf.rawPayload)).join(''));
    expect(text).toContain(squeezed(`Sales voucher ${s3.voucher_number} (cancelled)`));
    expect(text).toContain(squeezed('Closing balance 4,720.00 1,180.00 3,540.00 Dr'));

    // A cursor that is not one, a limit out of range: 422 naming the field; another organisation: 404 even with a good cursor.
    const firstPage = await read('&limit=1');
    const badCursor = await call('GET', `${url}&cursor=abc`, tenant.user.token);
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.json().errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
    const badLimit = await call('GET', `${url}&limit=0`, tenant.user.token);
    expect(badLimit.statusCode).toBe(422);
    expect(badLimit.json().errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    const other = await createTenant(t.deps);
    const foreign = await call('GET', `${url}&limit=1&cursor=${firstPage.next_cursor}`, other.admin.token);
    expect(foreign.statusCode).toBe(404);
  });

  it('PDF (format=pdf or Accept): the entries, balances, open bills and ageing read back from the document', async () => {
    const t = await bed.app();
    const { today, tenant, customer, s1, s2, s3 } = await company(t);
    const url = `/api/v1/parties/${customer.id}/statement?from=${addDays(today, -120)}&to=${today}`;
    const byQuery = await t.app.inject({ method: 'GET', url: `${url}&format=pdf`, headers: bearer(tenant.user.token) });
    expect(byQuery.statusCode, byQuery.body).toBe(200);
    expect(byQuery.headers['content-type']).toBe('application/pdf');
    expect(byQuery.headers['content-disposition']).toMatch(
      /^inline; filename="Statement-Traders-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const byAccept = await t.app.inject({ method: 'GET', url, headers: { ...bearer(tenant.user.token), accept: 'application/pdf' } });
    expect(byAccept.headers['content-type']).toBe('application/pdf');
    const text = squeezed((await pdfPages(byQuery.rawPayload)).join(''));
    expect(text).toContain(squeezed('Statement of account'));
    expect(text).toContain(squeezed('Sahyadri Tools Private Limited'));
    expect(text).toContain(squeezed('राम Traders'));
    expect(text).toContain(gstinFor('27', 'AAGCR4375J'));
    for (const v of [s1, s2, s3]) expect(text).toContain(squeezed(`Sales voucher ${v.voucher_number}`));
    expect(text).toContain(squeezed(`Sales voucher ${s3.voucher_number} (cancelled)`));
    expect(text).toContain(squeezed('Opening balance 0.00'));
    expect(text).toContain(squeezed('Closing balance 4,720.00 1,180.00 3,540.00 Dr'));
    expect(text).toContain(squeezed('100 days'));
    expect(text).toContain(squeezed('Over 90 days'));
    expect(text).toContain(squeezed('Total'));
    expect(text).toContain(squeezed('₹3,540.00'));
    // JSON stays the default.
    const json = await t.app.inject({ method: 'GET', url, headers: bearer(tenant.user.token) });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('emailed to the party with the statement PDF attached; elsewhere only by an admin; audited and in the email log', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const { today, tenant, customer, s1, s2 } = await company(t);
    const call = apiCaller(t);
    const from = addDays(today, -120);
    const queued = await call('POST', `/parties/${customer.id}/statement/email`, tenant.user.token, { from, to: today });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ email_to: 'ram@example.in', message: 'Statement queued to ram@example.in' });

    const mail = await waitUntil('the statement', async () =>
      smtp.received.find((m) => m.parsed.subject?.startsWith('Statement of account')),
    );
    expect(mail!.to).toEqual(['ram@example.in']);
    expect(mail!.parsed.subject).toMatch(/^Statement of account from Sahyadri Tools Private Limited: /);
    expect(mail!.parsed.text).toContain('Closing balance: 3,540.00 Dr');
    expect(mail!.parsed.text).toContain('Open bills: 2, owing ₹3,540.00 in all.');
    expect(mail!.parsed.attachments).toHaveLength(1);
    const pdf = mail!.parsed.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`Statement-Traders-${from}-${today}.pdf`);
    const text = squeezed((await pdfPages(pdf.content)).join(''));
    expect(text).toContain(squeezed(`Sales voucher ${s1.voucher_number}`));
    expect(text).toContain(squeezed(`Sales voucher ${s2.voucher_number}`));
    expect(text).toContain(squeezed('3,540.00 Dr'));

    const log = await call('GET', `/email/messages?related_type=party_statement&related_id=${customer.id}`, tenant.admin.token);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items).toEqual([expect.objectContaining({ id: queued.json().email_id, template: 'party_statement' })]);
    const audit = await call('GET', '/audit-events?action=party.statement_emailed', tenant.admin.token);
    expect(audit.json().items).toEqual([
      expect.objectContaining({ target_id: customer.id, details: expect.objectContaining({ to: 'ram@example.in', from, until: today }) }),
    ]);

    const elsewhere = (token: string) =>
      call('POST', `/parties/${customer.id}/statement/email`, token, { email_to: 'cfo@elsewhere.example' });
    const refused = await elsewhere(tenant.user.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/Only an admin can email a statement to an address other than the party's/);
    expect((await elsewhere(tenant.admin.token)).statusCode).toBe(202);

    const silent = await createCustomer(t, tenant.user.token, { email: null });
    const none = await call('POST', `/parties/${silent.id}/statement/email`, tenant.user.token, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().errors).toEqual([expect.objectContaining({ field: 'email_to' })]);
  });
});

describe('payment reminders', () => {
  it('emails each selected customer its overdue bills with the statement attached; skips (with the reason) one with nothing overdue; audited and logged', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const { tenant, customer, s1, s2 } = await company(t);
    const call = apiCaller(t);
    const settled = await createCustomer(t, tenant.user.token, { name: 'Nothing Due Ltd', email: 'paid@example.in' });
    const res = await call('POST', '/payment-reminders', tenant.admin.token, { party_ids: [customer.id, settled.id] });
    expect(res.statusCode, res.body).toBe(202);
    const [sent, skipped] = res.json().results;
    expect(sent).toMatchObject({
      party_id: customer.id,
      status: 'queued',
      email_to: 'ram@example.in',
      bills: 2,
      overdue: '3540.00',
      reason: null,
    });
    expect(skipped).toMatchObject({ party_id: settled.id, status: 'skipped', reason: 'nothing is overdue', email_id: null, bills: 0 });

    // The bed's database is the file's: a message an earlier test left queued may arrive first.
    const mail = await waitUntil('the payment reminder', async () =>
      smtp.received.find((m) => m.parsed.subject?.startsWith('Payment reminder')),
    );
    expect(mail!.to).toEqual(['ram@example.in']);
    expect(mail!.parsed.subject).toBe('Payment reminder from Sahyadri Tools Private Limited: ₹3,540.00 overdue');
    const text = mail!.parsed.text!;
    expect(text).toContain(`${s1.voucher_number} dated`);
    expect(text).toContain('(100 days overdue): ₹1,180.00 of ₹1,180.00');
    expect(text).toContain(`${s2.voucher_number} dated`);
    expect(text).toContain('(20 days overdue): ₹2,360.00 of ₹2,360.00');
    expect(text).toContain('Overdue in all: ₹3,540.00');
    const pdf = mail!.parsed.attachments[0]!;
    expect(pdf.filename).toMatch(/^Statement-Traders-\d{4}-04-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pages = squeezed((await pdfPages(pdf.content)).join(''));
    expect(pages).toContain(squeezed('Payment reminder: ₹3,540.00 is overdue on 2 bills'));
    expect(pages).toContain(squeezed(`Sales voucher ${s2.voucher_number}`));

    const log = await call('GET', `/email/messages?related_type=payment_reminder&related_id=${customer.id}`, tenant.admin.token);
    expect(log.json().items).toEqual([expect.objectContaining({ id: sent.email_id, template: 'payment_reminder' })]);
    const audit = await call('GET', '/audit-events?action=payment_reminder.queued', tenant.admin.token);
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        target_id: customer.id,
        details: expect.objectContaining({ to: 'ram@example.in', bills: [s1.voucher_number, s2.voucher_number], overdue: '3540.00' }),
      }),
    ]);

    // A standard user may not; a vendor, an unknown id or a repeated one is a 422 naming it.
    expect((await call('POST', '/payment-reminders', tenant.user.token, { party_ids: [customer.id] })).statusCode).toBe(403);
    const other = await createTenant(t.deps);
    const foreign = await call('POST', '/payment-reminders', other.admin.token, { party_ids: [customer.id] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'party_ids.0' })]);
    const twice = await call('POST', '/payment-reminders', tenant.admin.token, { party_ids: [customer.id, customer.id] });
    expect(twice.statusCode).toBe(422);
  });
});
