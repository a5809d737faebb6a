import { indianDate } from '@tritiq/contracts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, settled } from './support/page-checks';
import { createOrganization, createUser, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';
import { field } from './vouchers.ui';

/**
 * The Accounts area's entry screens (issue 15 item 8), in Chromium against the real API: a
 * receipt allocated by keyboard across a customer's two open bills with the rest on account; a
 * journal refused while its debits and credits differ, then saved; the chart of accounts tree,
 * where an admin creates a group and a ledger and renames it and a standard user only reads.
 */

let env: VoucherEnv;
let org: TestOrganization;
const ids: Record<string, string> = {};
const today = indianDate(new Date());

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
  // 4 × 250.00 + 18 % = 1,180.00 and 2 × 250.00 + 18 % = 590.00 owed by the customer.
  const first = await a.send<{ voucher_number: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: product.id, quantity: 4 }],
  });
  const second = await a.send<{ voucher_number: string }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: product.id, quantity: 2 }],
  });
  Object.assign(ids, { customer: customer.id, first: first.voucher_number, second: second.voucher_number });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

async function open(page: Page, path: string) {
  await page.goto(`${env.webUrl}${path}`);
  await settled(page);
}

/** Picks an option of a searchable picker (the listbox's, not a native select's option of the same name). */
async function pick(page: Page, input: Locator, text: string, option: RegExp) {
  await input.click();
  await input.fill(text);
  await page.getByRole('listbox').getByRole('option', { name: option }).first().click();
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

describe('receipt entry', () => {
  it('allocates by keyboard across two open bills, the rest on account, then lists, shows and cancels the receipt', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/vouchers/receipt/new');
    await page.getByRole('heading', { name: 'New receipt' }).waitFor();
    await pick(page, page.getByRole('combobox', { name: 'Received into (cash or bank)' }), 'Cash', /^Cash/);
    await field(page, 'Amount (₹)').fill('1500');
    await pick(page, page.getByRole('combobox', { name: 'Customer' }), 'Nashik', /Nashik Traders/);

    const bills = page.getByTestId('open-bills');
    await bills.getByTestId(`bill-row-${ids.first}`).waitFor();
    const firstRow = (await bills.getByTestId(`bill-row-${ids.first}`).locator('td').allTextContents()).slice(0, 4);
    expect(firstRow[0]).toBe(ids.first);
    expect(firstRow[3]).toBe('1,180.00');
    expect((await bills.getByTestId(`bill-row-${ids.second}`).locator('td').allTextContents())[3]).toBe('590.00');
    expect(await page.getByTestId('on-account').textContent()).toBe('₹1,500.00');

    // Tab goes from bill to bill.
    const firstInput = page.getByLabel(`Allocate to ${ids.first}`);
    const secondInput = page.getByLabel(`Allocate to ${ids.second}`);
    await firstInput.focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(`Allocate to ${ids.second}`);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe(`Allocate to ${ids.first}`);

    // Enter takes the outstanding, as far as the amount goes, and moves on.
    await page.keyboard.press('Enter');
    expect(await firstInput.inputValue()).toBe('1180.00');
    expect(await focused(page)).toBe(`Allocate to ${ids.second}`);
    await page.keyboard.press('Enter');
    expect(await secondInput.inputValue()).toBe('320.00');
    expect(await page.getByTestId('on-account').textContent()).toBe('₹0.00');

    // More than a bill owes is refused beside it, and more than the amount stops the save.
    await secondInput.fill('600');
    await bills.getByText('More than the outstanding 590.00').waitFor();
    expect(await page.getByTestId('over-allocated').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save receipt' }).isDisabled()).toBe(true);

    // A larger amount: the second bill is taken whole and the rest stays on account, live.
    await field(page, 'Amount (₹)').fill('2000');
    await secondInput.fill('');
    await secondInput.focus();
    await page.keyboard.press('Enter');
    expect(await secondInput.inputValue()).toBe('590.00');
    expect(await page.getByTestId('allocated-total').textContent()).toBe('₹1,770.00');
    expect(await page.getByTestId('on-account').textContent()).toBe('₹230.00');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await env.screenshot(page, 'receipt-allocation');

    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/vouchers\/receipt\/[0-9a-f-]{36}\?created=1/);
    const doc = page.getByTestId('books-document');
    await doc.waitFor();
    const number = (await page.getByTestId('voucher-number').textContent())!.trim();
    expect(number).toMatch(/^RC\//);
    expect(await doc.getByTestId('document-amount').textContent()).toBe('₹2,000.00');
    expect(await doc.getByTestId('document-counterparty').textContent()).toContain('Nashik Traders');
    expect(await doc.getByTestId('document-on-account').textContent()).toBe('₹230.00');
    const settledBills = await doc.getByTestId('document-allocations').locator('tbody tr').allTextContents();
    expect(settledBills).toHaveLength(2);
    expect(settledBills.join(' ')).toContain(ids.first);
    expect(settledBills.join(' ')).toContain('1,180.00');
    expect(settledBills.join(' ')).toContain('590.00');

    // The register lists it; its number opens it; an admin cancels it and the bills are open again.
    await open(page, '/vouchers/receipt');
    const row = page.getByTestId(`voucher-row-${number}`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toContain('Nashik Traders');
    expect(cells).toContain('Cash');
    expect(cells).toContain('2,000.00');
    await row.getByRole('link', { name: number }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('books-document').waitFor();
    await page.getByRole('button', { name: 'Cancel voucher' }).click();
    await page.getByLabel(/^Reason for cancelling/).fill('Cheque bounced');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel voucher' }).click();
    await page.getByTestId('cancel-info').waitFor();
    const statement = await org.admin.api.get<{ open_bills: { ref: string; outstanding: string }[] }>(`/parties/${ids.customer}/statement`);
    expect(statement.open_bills.map((b) => b.outstanding).sort()).toEqual(['1180.00', '590.00']);
    await page.close();
  });
});

describe('journal entry', () => {
  it('refuses to save while debits and credits differ, then saves the balanced journal', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/vouchers/journal/new');
    await page.getByRole('heading', { name: 'New journal voucher' }).waitFor();
    await pick(page, page.getByRole('combobox', { name: 'Line 1 ledger' }), 'Bank Ch', /Bank Charges/);
    await page.getByLabel('Line 1 debit').fill('100');
    await pick(page, page.getByRole('combobox', { name: 'Line 2 ledger' }), 'Capital', /^Capital/);
    await page.getByLabel('Line 2 credit').fill('90');
    expect(await page.getByTestId('difference').textContent()).toBe('Difference ₹10.00 (debits are more)');
    expect(await page.getByTestId('total-debit').textContent()).toBe('₹100.00');
    expect(await page.getByTestId('total-credit').textContent()).toBe('₹90.00');

    await page.getByRole('button', { name: 'Save journal voucher' }).click();
    const refusal = page.getByTestId('voucher-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Not balanced');
    expect(page.url()).toContain('/vouchers/journal/new');
    expect(await org.admin.api.get<{ items: unknown[] }>('/vouchers/journal')).toMatchObject({ items: [] });

    await page.getByLabel('Line 2 credit').fill('100');
    expect(await page.getByTestId('difference').textContent()).toBe('Balanced');
    await field(page, 'Narration').fill('Bank charges paid by the owner');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save journal voucher' }).click();
    await page.waitForURL(/\/vouchers\/journal\/[0-9a-f-]{36}\?created=1/);
    const lines = page.getByTestId('document-lines');
    await lines.waitFor();
    const rows = await lines.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['Bank Charges100.00', 'To Capital100.00']);
    await page.close();
  });
});

describe('chart of accounts', () => {
  async function chooseGroup(scope: ReturnType<Page['getByRole']>, name: string) {
    const select = scope.getByLabel(/^Under group/);
    const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
    await select.selectOption(value!);
  }

  it('an admin creates a group and a ledger in the tree and renames the ledger', async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await open(page, '/accounts');
    const tree = page.getByTestId('chart-of-accounts');
    await tree.getByTestId('group-row-Bank Accounts').waitFor();
    expect(await tree.getByTestId('ledger-row-Cash').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New group' }).click();
    let form = page.getByRole('form', { name: 'New group' });
    await field(form, 'Name').fill('Branch Banks');
    await chooseGroup(form, 'Bank Accounts');
    await form.getByRole('button', { name: 'Create' }).click();
    await tree.getByTestId('group-row-Branch Banks').waitFor();

    await page.getByRole('button', { name: 'Actions for Branch Banks' }).click();
    await page.getByRole('menuitem', { name: 'New ledger under it' }).click();
    form = page.getByRole('form', { name: 'New ledger' });
    await field(form, 'Name').fill('HDFC Current');
    await field(form, 'Opening balance (₹)').fill('5000');
    await form.getByRole('button', { name: 'Create' }).click();
    const ledger = tree.getByTestId('ledger-row-HDFC Current');
    await ledger.waitFor();
    expect(await ledger.getByTestId('ledger-balance').textContent()).toBe('5,000.00 Dr');
    // The tree puts it under its group, one step further in.
    const order = await tree.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
    expect(order.indexOf('ledger-row-HDFC Current')).toBe(order.indexOf('group-row-Branch Banks') + 1);

    await page.getByRole('button', { name: 'Actions for HDFC Current' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    form = page.getByRole('form', { name: 'Rename ledger' });
    await field(form, 'Name').fill('HDFC Current A/c');
    await form.getByRole('button', { name: 'Save' }).click();
    await tree.getByTestId('ledger-row-HDFC Current A/c').waitFor();
    expect(await tree.getByTestId('ledger-row-HDFC Current').count()).toBe(0);

    // Deactivated, it stays in the tree marked inactive.
    await page.getByRole('button', { name: 'Actions for HDFC Current A/c' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await tree.getByTestId('ledger-row-HDFC Current A/c').getByTestId('ledger-inactive').waitFor();
    await env.screenshot(page, 'chart-of-accounts');
    await page.close();
  });

  it('a standard user reads the tree without the actions', async () => {
    const user = await createUser(env.apiUrl, org.admin.api, 'standard_user');
    const page = await env.openAs(user.email, user.password);
    await open(page, '/accounts');
    await page.getByTestId('chart-of-accounts').getByTestId('ledger-row-Cash').waitFor();
    expect(await page.getByRole('button', { name: 'New group' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Actions for/ }).count()).toBe(0);
    await page.close();
  });
});
