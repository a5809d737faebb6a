import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 16 item 5: the GST returns page. A line without an HSN/SAC blocks the month (listed, with
 * a link to its invoice, downloads disabled); once that invoice is cancelled the month's JSON
 * downloads with the portal's keys, the sections show their counts and totals, and the org admin
 * marks the month filed and back.
 */

const ctx = withVoucherOrganization('27');

describe('GST returns page', () => {
  it('lists what blocks filing, downloads the JSON, marks the month filed', { timeout: 600_000 }, async () => {
    const admin = ctx.org.admin.api;
    const ctin = gstinFor('27', 'AABCK2222L');
    const customer = await admin.send<{ id: string }>('POST', '/customers', { name: 'Kothrud Traders', state_code: '27', gstin: ctin });
    const coded = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Bench vice',
      unit: 'PCS',
      unit_price: '1000.00',
      gst_rate: '18',
      hsn_code: '8205',
    });
    const uncoded = await admin.send<{ id: string }>('POST', '/products', {
      name: 'Mystery part',
      unit: 'PCS',
      unit_price: '50.00',
      gst_rate: '18',
    });
    for (const p of [coded, uncoded])
      await admin.send('POST', '/stock/adjustments', { product_id: p.id, quantity_change: '10', reason: 'Opening stock' });
    const today = new Date().toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const good = await admin.send<{ voucher_number: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [{ product_id: coded.id, quantity: 2 }],
    });
    const bad = await admin.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [{ product_id: uncoded.id, quantity: 1 }],
    });

    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    // The navigation's groups are menu buttons (links hidden until opened): the page by its address.
    await page.goto(`${ctx.env.webUrl}/gst-returns`);
    await page.getByRole('heading', { name: 'GST returns' }).waitFor();
    await page.getByLabel('Month').fill(month);

    const problems = page.getByTestId('gst-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(`${bad.voucher_number} line 1 (Mystery part): has no HSN/SAC code`);
    expect(await page.getByRole('link', { name: 'Download JSON' }).getAttribute('data-disabled')).toBe('true');
    await problems.getByRole('link', { name: bad.voucher_number }).click();
    await page.waitForURL(`**/vouchers/sales/${bad.id}`);

    await admin.send('POST', `/vouchers/sales/${bad.id}/cancel`, { reason: 'No HSN on the part' });
    await page.goto(`${ctx.env.webUrl}/gst-returns`);
    await page.getByLabel('Month').fill(month);
    const b2b = page.getByTestId('section-b2b');
    await b2b.waitFor();
    await expect.poll(async () => (await b2b.textContent()) ?? '').toContain('2,000.00');
    expect(await b2b.textContent()).toMatch(/B2B invoices \(4A\)\s*1/);
    expect(await page.getByTestId('section-doc_issue').textContent()).toMatch(/Documents issued \(13\)\s*1/);
    expect(await page.getByTestId('gst-problems').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`GSTR1_${month.slice(5)}${month.slice(0, 4)}.json`);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      b2b: { ctin: string; inv: { inum: string; val: number }[] }[];
      doc_issue: { doc_det: { docs: { totnum: number; cancel: number }[] }[] };
    };
    expect(doc.b2b).toEqual([{ ctin, inv: [expect.objectContaining({ inum: good.voucher_number, val: 2360 })] }]);
    expect(doc.doc_issue.doc_det[0]!.docs[0]).toMatchObject({ totnum: 2, cancel: 1 });

    const status = page.getByTestId('filed-status');
    await status.getByText('Not filed').waitFor();
    await status.getByRole('button', { name: 'Mark filed' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark filed' }).click();
    await status.getByText('Filed', { exact: true }).waitFor();
    await ctx.env.screenshot(page, 'gst-returns-filed');
    await status.getByRole('button', { name: 'Mark not filed' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark not filed' }).click();
    await status.getByText('Not filed').waitFor();
  });
});
