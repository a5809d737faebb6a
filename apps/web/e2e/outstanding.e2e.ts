import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pdfPages, squeezed } from '../../api/src/test/pdf';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 17 item 5 from the outstanding report: receivables aged per customer and in total, a
 * customer opens its page, payables on the other side, the CSV download; customers selected and
 * sent payment reminders, each answered (queued or skipped and why), and the reminder arrives at
 * the loopback SMTP server with the customer's statement of account attached.
 */

const ctx = withVoucherOrganization('27');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('outstanding report', () => {
  it(
    'ages receivables and payables, opens a party, downloads CSV, and sends reminders to the customers selected',
    { timeout: 600_000 },
    async () => {
      const admin = ctx.org.admin.api;
      const tag = Date.now();
      const millEmail = `accounts.${tag}@kolhapur-mills.test`;
      const customer = (name: string, email?: string) =>
        admin.send<{ id: string }>('POST', '/customers', { name, state_code: '27', ...(email ? { email } : {}) });
      const mill = await customer('Kolhapur Sugar Mills', millEmail);
      const dairy = await customer('Satara Dairy');
      const traders = await customer('Wai Traders', `wai.${tag}@example.test`);
      const vendor = await admin.send<{ id: string }>('POST', '/vendors', {
        name: 'Karad Steel',
        state_code: '27',
        gstin: gstinFor('27', 'AABCK3333C'),
      });
      const product = await admin.send<{ id: string }>('POST', '/products', {
        name: 'Conveyor roller',
        unit: 'PCS',
        unit_price: '1000.00',
        gst_rate: '18',
      });
      await admin.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '20', reason: 'Opening stock' });
      const sell = (customerId: string, date: string, due: string, quantity: number) =>
        admin.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
          customer_id: customerId,
          date,
          due_date: due,
          items: [{ product_id: product.id, quantity }],
        });
      // 40 days past due (31–60), 10 days past due (1–30), and not yet due.
      const millBill = await sell(mill.id, daysAgo(45), daysAgo(40), 2);
      await sell(dairy.id, daysAgo(15), daysAgo(10), 1);
      await sell(traders.id, daysAgo(0), daysAgo(-30), 1);
      await admin.send('POST', '/vouchers/purchase', {
        vendor_id: vendor.id,
        date: daysAgo(0),
        items: [{ product_id: product.id, quantity: 1 }],
      });

      const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
      await page.goto(`${ctx.env.webUrl}/reports/outstanding`);
      await page.getByRole('heading', { name: 'Outstanding receivables' }).waitFor();
      const rows = page.getByTestId('outstanding-row');
      await rows.first().waitFor();
      expect(await rows.allInnerTexts()).toHaveLength(3);
      const millRow = rows.filter({ hasText: 'Kolhapur Sugar Mills' });
      expect(await millRow.locator('[data-bucket="31-60"]').innerText()).toBe('2,360.00');
      expect(await rows.filter({ hasText: 'Satara Dairy' }).locator('[data-bucket="1-30"]').innerText()).toBe('1,180.00');
      expect(await rows.filter({ hasText: 'Wai Traders' }).locator('[data-bucket="not_due"]').innerText()).toBe('1,180.00');
      const total = page.getByTestId('outstanding-total');
      expect(await total.innerText()).toContain('4,720.00');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^outstanding-receivable-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv).toContain('Kolhapur Sugar Mills');
      expect(csv).toContain('Satara Dairy');

      await page.getByRole('button', { name: 'Send reminders' }).waitFor();
      expect(await page.getByRole('button', { name: 'Send reminders' }).isDisabled()).toBe(true);
      await page.getByLabel('Select Kolhapur Sugar Mills').check();
      await page.getByLabel('Select Satara Dairy').check();
      await page.getByRole('button', { name: 'Send reminders (2)' }).click();
      await page.getByRole('button', { name: 'Send 2 reminders' }).click();
      const results = page.getByTestId('reminder-results');
      await results.getByText('1 of 2 payment reminders queued').waitFor();
      const queued = results.getByTestId('reminder-result').filter({ hasText: 'Kolhapur Sugar Mills' });
      expect(await queued.getAttribute('data-status')).toBe('queued');
      expect(await queued.innerText()).toContain(`to ${millEmail}: 1 overdue bill, ₹2,360.00`);
      const skipped = results.getByTestId('reminder-result').filter({ hasText: 'Satara Dairy' });
      expect(await skipped.getAttribute('data-status')).toBe('skipped');
      expect(await skipped.innerText()).toContain('the customer has no email address');
      await ctx.env.screenshot(page, 'outstanding-reminders');

      const mail = await ctx.env.waitForMail(millEmail, /^Payment reminder from /);
      expect(mail.text).toContain(millBill.voucher_number);
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]).toMatchObject({
        contentType: 'application/pdf',
        filename: expect.stringMatching(/^Statement-Kolhapur_Sugar_Mills-/),
      });
      const [statement] = await pdfPages(Buffer.from(mail.attachments[0]!.content, 'base64'));
      expect(statement).toContain('Statement of account');
      expect(statement).toContain('Kolhapur Sugar Mills');
      expect(squeezed(statement!)).toContain(squeezed(millBill.voucher_number));
      const log = await admin.get<{ items: { target_id: string }[] }>('/audit-events?action=payment_reminder.queued');
      expect(log.items.map((e) => e.target_id)).toEqual([mill.id]);

      await millRow.getByRole('link', { name: 'Kolhapur Sugar Mills' }).click();
      await page.waitForURL(`${ctx.env.webUrl}/customers/${mill.id}`);
      await page.getByTestId('party-name').getByText('Kolhapur Sugar Mills').waitFor();

      await page.goto(`${ctx.env.webUrl}/reports/outstanding`);
      await page.getByRole('group', { name: 'Report dates' }).getByText('Payable', { exact: true }).click();
      await page.getByRole('heading', { name: 'Outstanding payables' }).waitFor();
      await page.getByTestId('outstanding-row').filter({ hasText: 'Karad Steel' }).waitFor();
      expect(await page.getByTestId('outstanding-row').count()).toBe(1);
      expect(await page.getByRole('button', { name: /Send reminders/ }).count()).toBe(0);
      expect(page.url()).toContain('side=payable');
    },
  );
});
