import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pdfPages, squeezed } from '../../api/src/test/pdf';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 17: the invoice page downloads the PDF, emails it and shares it on WhatsApp; the party page
 * emails the statement of account. Against the real API, its outbox and the loopback SMTP inbox.
 */

const ctx = withVoucherOrganization('27');

describe('documents customers receive', () => {
  it('invoice page: Download PDF, Email, Share on WhatsApp; party page: Email statement', { timeout: 600_000 }, async () => {
    const admin = ctx.org.admin.api;
    const buyer = `buyer.${Date.now()}@example.test`;
    const customer = await admin.send<{ id: string }>('POST', '/customers', {
      name: 'Pune Motors',
      state_code: '27',
      gstin: gstinFor('27', 'AABCP1111A'),
      email: buyer,
      contact_number: '98450 12345',
    });
    const product = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Torque wrench',
      unit: 'PCS',
      unit_price: '2499.00',
      gst_rate: '18',
    });
    await admin.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '10', reason: 'Opening stock' });
    const today = new Date().toISOString().slice(0, 10);
    const sale = await admin.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [{ product_id: product.id, quantity: 1 }],
    });
    const fileName = `${sale.voucher_number.replaceAll('/', '-')}.pdf`;

    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await page.goto(`${ctx.env.webUrl}/vouchers/sales/${sale.id}`);
    await page.getByTestId('voucher-number').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [downloaded] = await pdfPages(pdf);
    expect(squeezed(downloaded!)).toContain(squeezed(sale.voucher_number));
    expect(downloaded).toContain('Pune Motors');
    expect(downloaded).toContain(gstinFor('27', 'AABCP1111A'));
    expect(squeezed(downloaded!)).toContain('2,949.00');

    const share = page.getByRole('link', { name: 'Share on WhatsApp' });
    const href = (await share.getAttribute('href'))!;
    expect(href.startsWith('https://wa.me/919845012345?text=')).toBe(true);
    const text = decodeURIComponent(href.split('?text=')[1]!);
    expect(text).toContain(`Sales voucher ${sale.voucher_number}`);
    expect(text).toContain('₹2,949.00');
    expect(text).toContain(`/api/v1/vouchers/sales/${sale.id}/pdf`);

    await page.getByRole('button', { name: 'Email', exact: true }).click();
    await page.getByRole('button', { name: 'Send email' }).click();
    const invoiceMail = await ctx.env.waitForMail(buyer, new RegExp(`Sales voucher ${sale.voucher_number.replaceAll('/', '\\/')}`));
    expect(invoiceMail.text).toContain(`attached as a PDF (${fileName})`);
    // The PDF the customer opens: attached under the invoice number, the invoice itself.
    expect(invoiceMail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[fileName, 'application/pdf']]);
    const [attached] = await pdfPages(Buffer.from(invoiceMail.attachments[0]!.content, 'base64'));
    expect(squeezed(attached!)).toContain(squeezed(sale.voucher_number));
    expect(attached).toContain(gstinFor('27', 'AABCP1111A'));
    expect(squeezed(attached!)).toContain('2,949.00');

    await page.goto(`${ctx.env.webUrl}/customers/${customer.id}`);
    await page.getByRole('button', { name: 'Email statement' }).click();
    await page.getByRole('button', { name: 'Send statement' }).click();
    await page.getByTestId('statement-notice').getByText(`Statement of account to ${buyer} queued.`).waitFor();
    const statement = await ctx.env.waitForMail(buyer, /^Statement of account from /);
    expect(statement.text).toContain('Closing balance: 2,949.00 Dr');
  });
});
