import { readFile } from 'node:fs/promises';
import { indianDate } from '@tritiq/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, settled } from './support/page-checks';
import { createOrganization, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';

/**
 * The Accounts area's statements (issue 15 item 8) on a company with one sale: the trial balance
 * opens a ledger's statement, its entry opens the voucher; profit and loss and the balance sheet
 * drill down the same way; the date picker changes the figures; Download CSV saves the API's
 * file; Print shows only the statement. Chromium against the real API.
 */

let env: VoucherEnv;
let org: TestOrganization;
const ids: Record<string, string> = {};
const today = indianDate(new Date());
const dmy = (iso: string) => iso.split('-').reverse().join('/');
const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  const a = org.admin.api;
  const customer = await a.send<{ id: string }>('POST', '/customers', { name: 'Nashik Traders', state_code: '27' });
  const product = await a.send<{ id: string }>('POST', '/products', {
    name: 'Steel bracket',
    hsn_code: '7326',
    unit: 'PCS',
    unit_price: '250.00',
    gst_rate: '18',
  });
  await a.send('POST', '/stock/adjustments', { product_id: product.id, quantity_change: '10', unit_cost: '150', reason: 'Opening count' });
  // 4 × 250.00 = 1,000.00, CGST and SGST 90.00 each: the customer owes 1,180.00.
  const sale = await a.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: product.id, quantity: 4 }],
  });
  Object.assign(ids, { customer: customer.id, sale: sale.id, saleNumber: sale.voucher_number });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

async function open(page: Page, path: string) {
  await page.goto(`${env.webUrl}${path}`);
  await settled(page);
}

describe('statements', () => {
  it('trial balance -> ledger statement -> voucher, with the figures of the books', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/reports/trial-balance');
    const tb = page.getByTestId('trial-balance');
    const total = tb.getByTestId('trial-balance-total');
    await total.waitFor();
    const [, debit, credit] = await total.locator('td').allTextContents();
    expect(debit).toBe(credit);
    const customerRow = tb.locator('tr', { has: page.getByRole('link', { name: 'Nashik Traders' }) });
    expect(await customerRow.locator('td').nth(1).textContent()).toBe('1,180.00');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await customerRow.getByRole('link', { name: 'Nashik Traders' }).click();
    await page.waitForURL(/\/reports\/ledgers\/[0-9a-f-]{36}\?from=\d{4}-04-01&to=/);
    await page.getByRole('heading', { name: 'Ledger: Nashik Traders' }).waitFor();
    const rows = page.getByTestId('statement-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe(dmy(today));
    expect(cells[1]).toBe('Sales, Output CGST, Output SGST');
    expect(cells[2]).toContain(ids.saleNumber);
    expect(cells.slice(3)).toEqual(['1,180.00', '', '1,180.00 Dr']);
    expect(await page.getByTestId('closing-balance').textContent()).toBe('1,180.00 Dr');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await rows.first().getByRole('link', { name: ids.saleNumber }).click();
    await page.waitForURL(`**/vouchers/sales/${ids.sale}`);
    await page.getByTestId('invoice').waitFor();
    await page.close();
  });

  it('profit and loss and the balance sheet open the ledgers behind their lines', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/reports/profit-and-loss');
    const pl = page.getByTestId('profit-and-loss');
    // Sales 1,000.00 less the cost of nothing purchased, plus closing stock: the gross profit is the API's.
    await pl.getByTestId('net-profit').waitFor();
    await pl.getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByRole('heading', { name: 'Ledger: Sales' }).waitFor();
    const cells = await page.getByTestId('statement-row').first().locator('td').allTextContents();
    expect(cells.slice(3)).toEqual(['', '1,000.00', '1,000.00 Cr']);

    await open(page, '/reports/balance-sheet');
    const bs = page.getByTestId('balance-sheet');
    await bs.getByTestId('liabilities-total').waitFor();
    const liabilities = (await bs.getByTestId('liabilities-total').locator('td').allTextContents())[1];
    const assets = (await bs.getByTestId('assets-total').locator('td').allTextContents())[1];
    expect(liabilities).toBe(assets);
    await bs.getByRole('link', { name: 'Nashik Traders' }).click();
    await page.getByRole('heading', { name: 'Ledger: Nashik Traders' }).waitFor();
    expect(await page.getByTestId('closing-balance').textContent()).toBe('1,180.00 Dr');

    await open(page, '/reports/day-book');
    const voucher = page.getByTestId('day-book-row').first();
    await voucher.waitFor();
    expect(await voucher.getByRole('link', { name: ids.saleNumber }).count()).toBe(1);
    expect(await voucher.getByRole('link', { name: 'Nashik Traders' }).count()).toBe(1);
    await page.close();
  });

  it('the date picker changes the figures, and the address keeps the date', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/reports/trial-balance');
    const tb = page.getByTestId('trial-balance');
    await tb.getByRole('link', { name: 'Nashik Traders' }).waitFor();
    const asOf = page.getByLabel('As on');
    await asOf.fill(dmy(dayBefore(today)));
    await asOf.press('Enter');
    await page.waitForURL(`**/reports/trial-balance?as_of=${dayBefore(today)}`);
    await expect.poll(() => page.getByTestId('report-period').textContent()).toBe(`As on ${dmy(dayBefore(today))}`);
    await expect.poll(() => tb.getByRole('link', { name: 'Nashik Traders' }).count()).toBe(0);
    await page.reload();
    await settled(page);
    expect(await page.getByLabel('As on').inputValue()).toBe(dmy(dayBefore(today)));
    await page.close();
  });

  it('Download CSV saves the statement as the API writes it; Print shows only the statement', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/reports/trial-balance');
    await page.getByTestId('trial-balance-total').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`trial-balance-${today}.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('Particulars,Kind,Debit,Credit');
    expect(csv).toContain('    Nashik Traders,ledger,1180.00,0.00');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    expect(await page.getByTestId('trial-balance').evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByTestId('trial-balance-total').isVisible()).toBe(true);
    await page.close();
  });

  it('the dashboard shows receivables, payables and the cash and bank balances from the books', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/');
    const receivables = page.getByTestId('stat-receivables');
    await receivables.waitFor();
    // The sale is due today (no credit days): owed, not yet overdue.
    expect(await receivables.textContent()).toBe('₹1,180.00');
    expect(await page.getByText('1 open bill').count()).toBe(1);
    expect(await page.getByTestId('stat-payables').textContent()).toBe('₹0.00');
    expect(await page.getByTestId('stat-cash-and-bank').textContent()).toBe('₹0.00');
    await page.getByTestId('cash-bank-balances').getByRole('link', { name: 'Cash' }).click();
    await page.getByRole('heading', { name: 'Cash book' }).waitFor();
    await page.close();
  });
});
