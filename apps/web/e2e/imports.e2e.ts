import { readFile } from 'node:fs/promises';
import { indianDate } from '@tritiq/contracts';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, unzip } from '../../api/src/test/zip';
import { seriousA11yViolations, settled } from './support/page-checks';
import { createOrganization, gstinFor, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';

/**
 * The Import page (issue 18): a file with a column the import cannot match and a wrong GSTIN
 * gives a dry run listing the problems by row and column; the column is mapped by hand, the file
 * fixed and imported, and the customers are there. Opening stock the same way, its figures then
 * on the opening balances page. A statement downloads as an Excel workbook whose title row names
 * the organisation, and Settings > Your data as a zip of CSV files read back here. Chromium
 * against the real API.
 */

let env: VoucherEnv;
let org: TestOrganization;
const today = indianDate(new Date());

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

async function open(page: Page, path: string) {
  await page.goto(`${env.webUrl}${path}`);
  await settled(page);
}

async function upload(page: Page, name: string, text: string) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

const problems = (page: Page) => page.getByTestId('import-problem').allTextContents();

describe('import', () => {
  it('dry run with problems by row and column, a column mapped by hand, the file fixed, then imported', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/settings/import');
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    const good = gstinFor('29');
    const bad = `${good.slice(0, 14)}${good[14] === 'A' ? 'B' : 'A'}`;

    await upload(page, 'parties.csv', `Client,GSTIN/UIN,Mobile\nRao Traders,${bad},\nIyer & Sons,,98200 12345\n`);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('1 problem in 2 rows');
    expect(await problems(page)).toEqual(['1—no column is mapped to the required field "Name"']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The picker's input (its listbox carries the same label once open).
    await page.getByLabel('Field for column Client', { exact: true }).first().click();
    await page.getByRole('listbox').getByRole('option', { name: 'Name (required)' }).click();
    expect(await page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => problems(page)).toEqual([expect.stringMatching(/^2GSTIN\/UIN.*check/i)]);

    await upload(page, 'parties-fixed.csv', `Name,GSTIN/UIN,Mobile\nRao Traders,${good},\nIyer & Sons,,98200 12345\n`);
    await expect.poll(() => summary.textContent()).toBe('2 rows ready: 2 new, 0 to update');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    const done = page.getByTestId('import-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('2 customers created, 0 updated');
    const listed = await org.admin.api.get<{ items: { name: string; gstin: string | null }[] }>('/customers?search=Traders');
    expect(listed.items.map((c) => [c.name, c.gstin])).toContainEqual(['Rao Traders', good]);
    await page.close();
  });

  it('a statement downloads as Excel with a title row naming the organisation', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/reports/trial-balance');
    await page.getByTestId('trial-balance-total').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`trial-balance-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(`${org.name}: Trial balance`);
    expect(ws.getRow(4).values).toEqual([undefined, 'Particulars', 'Kind', 'Debit', 'Credit']);
    await page.close();
  });

  it('opening stock: a dry run naming the unknown product, the file fixed and imported, the figures on the opening balances page', async () => {
    for (const [name, hsn] of [
      ['Brass Hinge', '8302'],
      ['Copper Wire', '7408'],
    ])
      await org.admin.api.send('POST', '/products', { name, hsn_code: hsn, unit: 'PCS', unit_price: '120.00', gst_rate: '18' });
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/settings/import');
    await page
      .locator('label')
      .filter({ hasText: /^Opening stock$/ })
      .click();

    await upload(page, 'stock.csv', 'Product,Opening Qty,Rate\nBrass Hinge,10,100\nCopper Wyre,5,8\n');
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.textContent()).toBe('1 problem in 2 rows');
    expect(await problems(page)).toEqual([expect.stringMatching(/^3Product.*no product is named "Copper Wyre"/)]);
    expect(await page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).toBe(true);

    await upload(page, 'stock-fixed.csv', 'Product,Opening Qty,Rate\nBrass Hinge,10,100\nCopper Wire,5,8\n');
    await expect.poll(() => summary.textContent()).toBe('2 rows ready: 2 new, 0 to update');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    const done = page.getByTestId('import-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('2 opening stock created, 0 updated');

    await open(page, '/accounts/opening-balances');
    const brass = page.getByTestId('opening-stock-Brass Hinge');
    await brass.waitFor();
    expect(await brass.textContent()).toContain('1,000.00');
    expect(await page.getByTestId('opening-stock-Copper Wire').textContent()).toContain('40.00');
    expect(await page.getByTestId('opening-stock-total').textContent()).toContain('1,040.00');
    await page.close();
  });

  it("Your data downloads the organisation's data as a zip of CSV files with a README, and the download is audited", async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/settings/data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download all data (.zip)' }).click(),
    ]);
    const files = await unzip(await readFile((await download.path())!));
    expect(files.get('README.txt')?.toString()).toContain('products.csv');
    const products = csvFile(files, 'products.csv');
    expect(new Set(products.map((p) => p.organization_id))).toEqual(new Set([org.id]));
    expect(products.map((p) => p.name).sort()).toEqual(['Brass Hinge', 'Copper Wire']);
    const customers = csvFile(files, 'parties.csv');
    expect(customers.map((c) => c.name)).toContain('Rao Traders');
    const audit = await org.admin.api.get<{ items: { action: string; actor_email: string | null }[] }>(
      '/audit-events?action=organization.data_exported',
    );
    expect(audit.items.map((a) => [a.action, a.actor_email])).toEqual([['organization.data_exported', org.admin.email]]);
    await page.close();
  });
});
