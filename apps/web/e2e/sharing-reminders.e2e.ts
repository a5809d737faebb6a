import { describe, expect, it } from 'vitest';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 17: the org admin turns on daily payment reminders and expiring share links in Settings;
 * the invoice page makes a share link (opened without sign-in, carried by the WhatsApp message) and
 * revokes it; the customer page sends a payment reminder. Against the real API and SMTP inbox.
 */

const ctx = withVoucherOrganization('27');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('share links and payment reminders', () => {
  it(
    'settings turn them on; the invoice page shares and revokes a link; the customer page sends a reminder',
    { timeout: 600_000 },
    async () => {
      const admin = ctx.org.admin.api;
      const buyer = `buyer.${Date.now()}@example.test`;
      const customer = await admin.send<{ id: string }>('POST', '/customers', {
        name: 'Nashik Agro Works',
        state_code: '27',
        gstin: gstinFor('27', 'AABCN2222B'),
        email: buyer,
        contact_number: '98450 12345',
      });
      const product = await admin.send<{ id: string }>('POST', '/products', {
        name: 'Drip emitter',
        unit: 'PCS',
        unit_price: '100.00',
        gst_rate: '18',
      });
      await admin.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '10', reason: 'Opening stock' });
      const sale = await admin.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
        customer_id: customer.id,
        date: daysAgo(20),
        due_date: daysAgo(10),
        items: [{ product_id: product.id, quantity: 1 }],
      });

      const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
      await page.goto(`${ctx.env.webUrl}/settings/preferences`);
      await page.getByLabel('Send payment reminders every day').check();
      await page.getByLabel('Days overdue before the first reminder').fill('5');
      await page.getByLabel('Allow expiring share links').check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved').waitFor();
      const settings = await admin.get<Record<string, unknown>>('/organization/settings');
      expect(settings).toMatchObject({ payment_reminders_enabled: true, payment_reminder_after_days: 5, share_links_enabled: true });

      await page.goto(`${ctx.env.webUrl}/vouchers/sales/${sale.id}`);
      await page.getByTestId('voucher-number').waitFor();
      await page.getByRole('button', { name: 'Create share link' }).click();
      const url = await page.getByTestId('share-link-url').inputValue();
      expect(url).toMatch(/\/api\/v1\/shared\/[A-Za-z0-9_-]{43}$/);
      const path = new URL(url).pathname;
      const opened = await fetch(`${ctx.env.apiUrl}${path}`);
      expect(opened.status).toBe(200);
      expect(
        Buffer.from(await opened.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const href = (await page.getByRole('link', { name: 'Share on WhatsApp' }).getAttribute('href'))!;
      const text = decodeURIComponent(href.split('?text=')[1]!);
      expect(text).toContain(url);
      expect(text).toContain('link valid until');
      await ctx.env.screenshot(page, 'share-links');

      await page.getByTestId('share-link-row').getByRole('button', { name: 'Revoke' }).click();
      await page.getByTestId('share-link-row').getByText('revoked').waitFor();
      expect((await fetch(`${ctx.env.apiUrl}${path}`)).status).toBe(410);

      await page.goto(`${ctx.env.webUrl}/customers/${customer.id}`);
      await page.getByRole('button', { name: 'Send payment reminder' }).click();
      await page.getByTestId('statement-notice').getByText(`Payment reminder to ${buyer} queued: 1 overdue bill`).waitFor();
      const mail = await ctx.env.waitForMail(buyer, /^Payment reminder from /);
      expect(mail.text).toContain(sale.voucher_number);
    },
  );
});
