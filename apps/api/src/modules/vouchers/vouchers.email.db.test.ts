import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, createCustomer, createProduct, gstinFor, postVoucher } from '../../test/business';
import { EmailTestBed } from '../../test/email';
import { bearer, createTenant, platformTx } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { pdfPages, squeezed } from '../../test/pdf';
import { waitUntil } from '../../test/smtp';

const bed = EmailTestBed.forFile();

async function emailStatusOf(t: TestApp, token: string, id: string, wanted: string) {
  return waitUntil(`voucher ${id} email_status ${wanted}`, async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/vouchers/sales/${id}`, headers: bearer(token) });
    const body = res.json();
    return body.email_status === wanted ? body : undefined;
  });
}

async function seller(t: TestApp) {
  const tenant = await createTenant(t.deps, {
    stateCode: '27',
    legalName: 'Sahyadri Tools Private Limited',
    gstin: gstinFor('27'),
    addressLine1: '4 Bhosari MIDC',
    city: 'Pune',
    pinCode: '411026',
    email: 'accounts@sahyadri.example',
  });
  const product = await createProduct(t, tenant.user.token, {
    name: 'Torque wrench',
    hsn_code: '8204',
    unit_price: '2499.00',
    gst_rate: '18',
  });
  await adjustStock(t, tenant.admin.token, product.id, '100');
  return { tenant, product };
}

describe('voucher email', () => {
  it('send_email queues the voucher email in the voucher transaction; it arrives with the right totals and email_status becomes sent', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const { tenant, product } = await seller(t);
    const customer = await createCustomer(t, tenant.user.token, {
      name: 'Rao & Sons <Traders>',
      email: 'rao@example.in',
      state_code: '27',
    });
    // 3 x 2499.00 = 7497.00, 10 % off: taxable 6747.30; 18 % = 1214.514 -> half 607.257 -> 607.26 each;
    // total 6747.30 + 1214.52 = 7961.82 -> round off +0.18 -> 7962.00
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date: '2025-11-14',
      send_email: true,
      items: [{ product_id: product.id, quantity: 3, discount_percentage: 10 }],
    });
    expect(res.statusCode).toBe(201);
    const voucher = res.json();
    expect(voucher).toMatchObject({ email_status: 'queued', email_to: 'rao@example.in', grand_total: '7962.00', cgst_amount: '607.26' });

    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['rao@example.in']);
    expect(mail!.parsed.subject).toBe(`Sales voucher ${voucher.voucher_number} from Sahyadri Tools Private Limited - ₹7,962.00`);
    const text = mail!.parsed.text!;
    expect(text).toContain('Dear Rao & Sons <Traders>,');
    expect(text).toContain('Torque wrench (HSN 8204)');
    expect(text).toContain('3.000 PCS x ₹2,499.00, less 10.00 % = ₹6,747.30 taxable');
    expect(text).toMatch(/CGST:\s+₹607\.26/);
    expect(text).toMatch(/SGST:\s+₹607\.26/);
    expect(text).not.toContain('IGST');
    expect(text).toMatch(/Round off:\s+₹0\.18/);
    expect(text).toMatch(/Grand total:\s+₹7,962\.00/);
    expect(text).toContain('(Rupees Seven Thousand Nine Hundred Sixty Two Only)');
    expect(text).toContain('dated 14/11/2025');
    const html = String(mail!.parsed.html);
    expect(html).toContain('Rao &amp; Sons &lt;Traders&gt;');
    expect(html).not.toContain('<Traders>');
    expect(html).toContain('Rupees Seven Thousand Nine Hundred Sixty Two Only');

    // The worker made the invoice PDF when it sent the message, named after the invoice number.
    expect(text).toContain(`The Sales voucher is attached as a PDF (${voucher.voucher_number.replaceAll('/', '-')}.pdf).`);
    expect(mail!.parsed.attachments).toHaveLength(1);
    const pdf = mail!.parsed.attachments[0]!;
    expect(pdf.filename).toBe(`${voucher.voucher_number.replaceAll('/', '-')}.pdf`);
    expect(pdf.filename).toMatch(/^SV-\d{4}-\d{5}\.pdf$/);
    expect(pdf.contentType).toBe('application/pdf');
    const pages = (await pdfPages(pdf.content)).map(squeezed).join('');
    expect(pages).toContain(squeezed(voucher.voucher_number));
    expect(pages).toContain(gstinFor('27'));
    expect(pages).toContain('Unregistered');
    expect(pages).toContain(squeezed('Grand total ₹7,962.00'));
    expect(pages).toContain(squeezed('ORIGINAL FOR RECIPIENT'));

    const sent = await emailStatusOf(t, tenant.user.token, voucher.id, 'sent');
    expect(sent.email_error).toBeNull();
  });

  it('emails an existing voucher to another address; a refused recipient ends as failed with the reason', async () => {
    const smtp = await bed.smtp({
      onRcpt: (to) => (to.startsWith('bounce') ? { code: 550, message: `<${to}>: no such user` } : undefined),
    });
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const { tenant, product } = await seller(t);
    const customer = await createCustomer(t, tenant.user.token, {
      state_code: '29',
      gstin: gstinFor('29', 'AAGCB7383J'),
      email: 'bounce@example.in',
    });
    const voucher = (
      await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-11-14',
        items: [{ product_id: product.id, quantity: 1 }],
      })
    ).json();
    expect(voucher.email_status).toBe('not_sent');

    const queued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${voucher.id}/email`,
      headers: bearer(tenant.user.token),
      payload: {},
    });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({
      email_status: 'queued',
      email_to: 'bounce@example.in',
      message: 'Email queued to bounce@example.in',
    });
    const failed = await emailStatusOf(t, tenant.user.token, voucher.id, 'failed');
    expect(failed.email_error).toMatch(/^Recipient rejected: bounce@example\.in \(550/);

    // Elsewhere than to the party: admins only (the standard user learns why).
    const elsewhere = (token: string, to: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/vouchers/sales/${voucher.id}/email`, headers: bearer(token), payload: { to } });
    const refused = await elsewhere(tenant.user.token, 'purchase@buyer.example');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'FORBIDDEN',
      detail:
        'Only an admin can email a sales voucher to an address other than the customer\'s: leave "to" empty to send it to the customer',
    });
    // The party's own address, however it is written, is the standard user's to send to.
    expect((await elsewhere(tenant.user.token, 'Bounce@Example.IN')).json()).toMatchObject({
      email_status: 'queued',
      email_to: 'Bounce@Example.IN',
    });
    const again = await elsewhere(tenant.admin.token, 'purchase@buyer.example');
    expect(again.statusCode).toBe(202);
    // Two arrive: the one to the party's address as the user wrote it (the sink refuses only the
    // exact bounce address), and the admin's.
    const mail = (await smtp.waitFor(2)).find((m) => m.to.includes('purchase@buyer.example'));
    expect(mail!.to).toEqual(['purchase@buyer.example']);
    // Inter-state: IGST 18 % of 2499.00 = 449.82
    expect(mail!.parsed.text).toMatch(/IGST:\s+₹449\.82/);
    expect(mail!.parsed.text).not.toContain('CGST');
    // Emailed later, the PDF shows the voucher as it is when the worker sends it, with both GSTINs.
    const later = (await pdfPages(mail!.parsed.attachments[0]!.content)).map(squeezed).join('');
    expect(later).toContain(squeezed(voucher.voucher_number));
    expect(later).toContain(gstinFor('27'));
    expect(later).toContain(gstinFor('29', 'AAGCB7383J'));
    expect(voucher.grand_total).toBe('2949.00');
    expect(later).toContain(squeezed('Grand total ₹2,949.00'));
    await emailStatusOf(t, tenant.user.token, voucher.id, 'sent');
  });

  it('a receipt is emailed with its payment receipt PDF attached, made by the worker; a payment is not emailed', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const { tenant } = await seller(t);
    const customer = await createCustomer(t, tenant.user.token, { name: 'Rao & Sons', email: 'rao@example.in' });
    const [cash] = await platformTx(t.deps, (db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM ledgers WHERE organization_id = ${tenant.org.id} AND system_key = 'cash'`),
    );
    const res = await postVoucher(t, tenant.user.token, 'receipt', {
      customer_id: customer.id,
      date: '2025-11-14',
      amount: '1500.00',
      mode: 'cash',
      cash_bank_ledger_id: cash!.id,
      send_email: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ email_status: 'queued', email_to: 'rao@example.in' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe(`Receipt ${receipt.voucher_number} from Sahyadri Tools Private Limited - ₹1,500.00`);
    expect(mail!.parsed.text).toContain('Sahyadri Tools Private Limited has received ₹1,500.00 by cash');
    expect(mail!.parsed.attachments).toHaveLength(1);
    const pdf = mail!.parsed.attachments[0]!;
    expect(pdf.filename).toBe(`${receipt.voucher_number.replaceAll('/', '-')}.pdf`);
    const text = (await pdfPages(pdf.content)).map(squeezed).join('');
    expect(text).toContain(squeezed('Payment Receipt'));
    expect(text).toContain(squeezed(receipt.voucher_number));
    expect(text).toContain(squeezed('₹1,500.00'));
    expect(text).toContain(squeezed('Rupees One Thousand Five Hundred Only'));
    await waitUntil('receipt email sent', async () => {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/vouchers/receipt/${receipt.id}`, headers: bearer(tenant.user.token) });
      return r.json().email_status === 'sent' ? true : undefined;
    });
    // Later, by the email route, as for invoices.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/receipt/${receipt.id}/email`,
      headers: bearer(tenant.user.token),
      payload: {},
    });
    expect(again.statusCode, again.body).toBe(202);
    const payment = await postVoucher(t, tenant.user.token, 'payment', {
      date: '2025-11-14',
      amount: '10.00',
      mode: 'cash',
      cash_bank_ledger_id: cash!.id,
      other_ledger_id: cash!.id,
      send_email: true,
    });
    expect(payment.statusCode).toBe(422);
    expect(payment.json().errors).toEqual([expect.objectContaining({ field: 'send_email' })]);
  });

  it('a party without an email is a 422 naming "to"; a cancelled voucher is not emailed', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const { tenant, product } = await seller(t);
    const customer = await createCustomer(t, tenant.user.token, { email: null });
    const voucher = (
      await postVoucher(t, tenant.user.token, 'sales', {
        customer_id: customer.id,
        date: '2025-11-14',
        items: [{ product_id: product.id, quantity: 1 }],
      })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${voucher.id}/email`,
      headers: bearer(tenant.user.token),
      payload: {},
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errors: [{ field: 'to', message: expect.stringContaining('has no email address') }] });

    await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${voucher.id}/cancel`,
      headers: bearer(tenant.admin.token),
      payload: { reason: 'Wrong rate' },
    });
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vouchers/sales/${voucher.id}/email`,
      headers: bearer(tenant.user.token),
      payload: { to: 'x@example.in' },
    });
    expect(cancelled.statusCode).toBe(409);
  });
});

describe('email availability', () => {
  it('tells any signed-in user whether email is configured and where it is configured', async () => {
    const without = await bed.app({ SMTP_HOST: '' });
    const { tenant } = await seller(without);
    const res = await without.app.inject({ method: 'GET', url: '/api/v1/email/availability', headers: bearer(tenant.user.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().configured).toBe(false);
    expect(res.json().configure_hint).toContain('SMTP_HOST');

    const smtp = await bed.smtp();
    const configured = await bed.app(smtp.env());
    const other = await seller(configured);
    const ok = await configured.app.inject({ method: 'GET', url: '/api/v1/email/availability', headers: bearer(other.tenant.user.token) });
    expect(ok.json().configured).toBe(true);
  });
});
