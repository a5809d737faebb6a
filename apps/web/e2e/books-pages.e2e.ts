import { readFile } from 'node:fs/promises';
import { addDays, formatRupees, indianDate } from '@tritiq/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations, settled, sidewaysOverflow } from './support/page-checks';
import { createOrganization, createUser, type ApiCaller } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';
import { field, pick } from './vouchers.ui';

/**
 * The books' own pages (issue 15 item 8), in Chromium against the real API: the opening balances
 * screen (ledger openings, a party's opening bills bill by bill, opening stock; the API's totals
 * and difference after each change; its refusals, the books lock's among them; admins only), a
 * customer's page with its balance, bills by filter and ledger, the stock summary report, and
 * every statement page on a 390 px phone with no serious axe violation.
 */

const ctx = withVoucherOrganization();
const today = indianDate(new Date());
const dmy = (iso: string) => iso.split('-').reverse().join('/');
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

async function open(page: Page, path: string) {
  await page.goto(`${ctx.env.webUrl}${path}`);
  await settled(page);
}

async function booksStart(a: ApiCaller = ctx.org.admin.api): Promise<string> {
  return (await a.get<{ books_start_date: string }>('/organization/settings')).books_start_date;
}

async function cashLedger(a: ApiCaller = ctx.org.admin.api): Promise<string> {
  const cash = await a.get<{ items: { id: string; name: string }[] }>('/accounts/ledgers?kind=cash_bank');
  return cash.items.find((l) => l.name === 'Cash')!.id;
}

async function product(name: string, a: ApiCaller = ctx.org.admin.api): Promise<string> {
  const p = await a.send<{ id: string }>('POST', '/products', {
    name,
    hsn_code: '7326',
    unit: 'PCS',
    unit_price: '250.00',
    gst_rate: '18',
  });
  return p.id;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();
/** What the page shows once it has the API's answer (a loaded machine can take seconds). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });

describe('opening balances', () => {
  // About forty round trips through the page: at load 44 it outlasted the default 90 s.
  it('an admin enters ledger openings, a party’s bills and opening stock; the totals and difference follow the API', async () => {
    // An organisation of its own: its totals start at nil whatever else ran, and the books lock it
    // ends with cannot refuse another test's openings if this one stops half-way.
    const org = await createOrganization(ctx.env.apiUrl, ctx.env.superToken);
    const a = org.admin.api;
    const start = await booksStart(a);
    const customer = await a.send<{ id: string }>('POST', '/customers', { name: 'Kolhapur Foundry', state_code: '27' });
    await product('Cast hub', a);
    const page = await ctx.env.openAs(org.admin.email, org.admin.password);
    await open(page, '/accounts');
    await page.getByRole('link', { name: 'Opening balances' }).first().click();
    await page.getByRole('heading', { name: 'Opening balances' }).waitFor();
    expect(await text(page, 'opening-total-debit')).toBe('0.00');
    expect(await text(page, 'opening-difference')).toBe('None: debits equal credits');

    // Capital 50,000 Cr: the credits exceed, so the difference is a debit line, as the trial balance shows it.
    const ledgerForm = page.getByRole('form', { name: 'Ledger opening balance' });
    await pick(page, ledgerForm.getByRole('combobox', { name: /^Ledger/ }), 'Capital', /^Capital/);
    await field(ledgerForm, 'Opening balance (₹)').fill('50000');
    await ledgerForm.getByLabel('Dr / Cr').selectOption('credit');
    await ledgerForm.getByRole('button', { name: 'Save opening' }).click();
    // Every ledger has its row (nil until set): wait for the saved figure, not for the row.
    await poll(async () => (await page.getByTestId('ledger-opening-Capital').locator('td').allTextContents()).slice(0, 4)).toEqual([
      'Capital',
      'Capital Account',
      '',
      '50,000.00',
    ]);
    await ctx.env.screenshot(page, 'opening-balances-capital');
    await poll(() => text(page, 'opening-total-credit')).toBe('50,000.00');
    expect(await text(page, 'opening-difference')).toBe('50,000.00 Dr');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A typed amount the API's schema refuses is marked beside the field, nothing sent.
    await pick(page, ledgerForm.getByRole('combobox', { name: /^Ledger/ }), 'Cash', /^Cash/);
    await field(ledgerForm, 'Opening balance (₹)').fill('12.345');
    await ledgerForm.getByRole('button', { name: 'Save opening' }).click();
    await ledgerForm.getByText(/Amount .*decimal/i).waitFor();
    await field(ledgerForm, 'Opening balance (₹)').fill('10000');
    await ledgerForm.getByRole('button', { name: 'Save opening' }).click();
    await page.getByTestId('ledger-opening-Cash').waitFor();
    await poll(() => text(page, 'opening-difference')).toBe('40,000.00 Dr');

    // Kolhapur Foundry's opening: two bills, one then changed; the party's opening is their sum.
    await pick(page, page.getByRole('combobox', { name: 'Customer or vendor' }), 'Kolhapur', /Kolhapur Foundry/);
    const bills = page.getByTestId('opening-bills');
    await bills.getByText('No opening bills for Kolhapur Foundry yet.').waitFor();
    const addBill = async (ref: string, date: string, amount: string) => {
      const form = page.getByRole('form', { name: 'New opening bill' });
      await field(form, 'Bill number').fill(ref);
      await field(form, 'Bill date').fill(dmy(date));
      await field(form, 'Bill date').press('Enter');
      await field(form, 'Amount (₹)').fill(amount);
      await form.getByRole('button', { name: 'Add bill' }).click();
    };
    await addBill('KF-101', addDays(start, -40), '15000');
    await bills.getByTestId('opening-bill-KF-101').waitFor();
    // Dated after the books start: the API refuses it beside the date.
    await addBill('KF-102', addDays(start, 3), '4000');
    await page
      .getByRole('form', { name: 'New opening bill' })
      .getByText(/must be on or before/)
      .waitFor();
    await field(page.getByRole('form', { name: 'New opening bill' }), 'Bill date').fill(dmy(addDays(start, -10)));
    await field(page.getByRole('form', { name: 'New opening bill' }), 'Bill date').press('Enter');
    await page.getByRole('form', { name: 'New opening bill' }).getByRole('button', { name: 'Add bill' }).click();
    await bills.getByTestId('opening-bill-KF-102').waitFor();
    await poll(() => text(page, 'opening-bills-total')).toBe('19,000.00');
    await page.getByRole('button', { name: 'Edit opening bill KF-101' }).click();
    const editForm = page.getByRole('form', { name: 'Edit opening bill KF-101' });
    await field(editForm, 'Amount (₹)').fill('16000');
    await editForm.getByRole('button', { name: 'Save bill' }).click();
    await poll(() => text(page, 'opening-bills-total')).toBe('20,000.00');
    const row = (await bills.getByTestId('opening-bill-KF-101').locator('td').allTextContents()).slice(0, 6);
    expect(row).toEqual(['KF-101', dmy(addDays(start, -40)), dmy(addDays(start, -40)), '16,000.00', '0.00', '16,000.00']);
    await poll(() => text(page, 'opening-total-debit')).toBe('30,000.00');
    expect(await page.getByTestId('party-opening-Kolhapur Foundry').locator('td').nth(1).textContent()).toBe('20,000.00');

    // Opening stock 100 × 200 = 20,000.00: now debits (10,000 + 20,000 + 20,000) and credits agree.
    const stockForm = page.getByRole('form', { name: 'Opening stock' });
    await pick(page, stockForm.getByRole('combobox', { name: /^Product/ }), 'Cast', /Cast hub/);
    await field(stockForm, 'Quantity').fill('100');
    await field(stockForm, 'Rate (₹ per unit)').fill('200');
    await stockForm.getByRole('button', { name: 'Save stock' }).click();
    await page.getByTestId('opening-stock-Cast hub').waitFor();
    expect((await page.getByTestId('opening-stock-Cast hub').locator('td').allTextContents()).slice(0, 4)).toEqual([
      'Cast hub',
      '100 PCS',
      '200.00',
      '20,000.00',
    ]);
    await poll(() => text(page, 'opening-difference')).toBe('None: debits equal credits');
    expect(await text(page, 'opening-total-debit')).toBe('50,000.00');
    const summary = await a.get<{ total_debit: string; total_credit: string; difference: string }>('/opening-balances');
    expect(summary).toMatchObject({ total_debit: '50000.00', total_credit: '50000.00', difference: '0.00' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.env.screenshot(page, 'opening-balances');

    // A receipt settles part of KF-101: it can no longer be deleted, nor cut below what is settled.
    const kf101 = (await a.get<{ items: { id: string; ref: string }[] }>(`/opening-balances/parties/${customer.id}/bills`)).items.find(
      (b) => b.ref === 'KF-101',
    )!;
    await a.send('POST', '/vouchers/receipt', {
      date: today,
      mode: 'cash',
      cash_bank_ledger_id: await cashLedger(a),
      customer_id: customer.id,
      amount: '6000.00',
      allocations: [{ bill_id: kf101.id, amount: '6000.00' }],
    });
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: 'Bills of Kolhapur Foundry' }).click();
    await bills.getByTestId('opening-bill-KF-101').waitFor();
    expect((await bills.getByTestId('opening-bill-KF-101').locator('td').allTextContents()).slice(3, 6)).toEqual([
      '16,000.00',
      '6,000.00',
      '10,000.00',
    ]);
    await page.getByRole('button', { name: 'Delete opening bill KF-101' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    const refused = page.getByTestId('confirm-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/allocated|settle/i);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Edit opening bill KF-101' }).click();
    await field(page.getByRole('form', { name: 'Edit opening bill KF-101' }), 'Amount (₹)').fill('5000');
    await page.getByRole('form', { name: 'Edit opening bill KF-101' }).getByRole('button', { name: 'Save bill' }).click();
    await page.getByText('Amount must be at least 6000.00, what receipts or payments already settle of it').waitFor();

    // KF-102 is free: deleted, the party's opening is KF-101 alone.
    await page.getByRole('button', { name: 'Cancel edit' }).click();
    await page.getByRole('button', { name: 'Delete opening bill KF-102' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await poll(() => text(page, 'opening-bills-total')).toBe('16,000.00');
    await poll(() => text(page, 'opening-difference')).toBe('4,000.00 Dr');

    // Locked books: the API's BOOKS_LOCKED refusal is shown with the form.
    await a.send('PATCH', '/organization/settings', { books_locked_until: addDays(start, -1) });
    const cashForm = page.getByRole('form', { name: 'Ledger opening balance' });
    await page.getByRole('button', { name: 'Edit the opening of Cash' }).click();
    await field(cashForm, 'Opening balance (₹)').fill('6000');
    await cashForm.getByRole('button', { name: 'Save opening' }).click();
    const lock = page.getByTestId('ledger-opening-refusal');
    await lock.waitFor();
    expect(await lock.textContent()).toContain('The books are locked up to');
    await page.reload();
    await settled(page);
    await page.getByTestId('openings-locked').waitFor();
    await page.close();
  }, 300_000);

  it('is not offered to a standard user, and refused by address', async () => {
    const user = await createUser(ctx.env.apiUrl, ctx.org.admin.api, 'standard_user');
    const page = await ctx.env.openAs(user.email, user.password);
    await open(page, '/accounts');
    await page.getByTestId('chart-of-accounts').waitFor();
    expect(await page.getByRole('link', { name: 'Opening balances' }).count()).toBe(0);
    await open(page, '/accounts/opening-balances');
    await page.getByTestId('not-permitted').waitFor();
    await page.close();
  });
});

describe('a customer’s page', () => {
  it('shows its balance, its bills by filter and its ledger for a period; rows open the vouchers', async () => {
    const a = ctx.org.admin.api;
    const start = await booksStart();
    const customer = await a.send<{ id: string }>('POST', '/customers', { name: 'Satara Pumps', state_code: '27' });
    const pump = await product('Pump gland');
    await a.send('POST', '/stock/adjustments', { product_id: pump, quantity_change: '10', unit_cost: '150', reason: 'Count' });
    const old = await a.send<{ id: string }>('POST', `/opening-balances/parties/${customer.id}/bills`, {
      ref: 'SP-OLD',
      date: addDays(start, -30),
      amount: '5000.00',
    });
    const small = await a.send<{ id: string }>('POST', `/opening-balances/parties/${customer.id}/bills`, {
      ref: 'SP-SMALL',
      date: addDays(start, -20),
      amount: '100.00',
    });
    // 4 × 250.00 + 18 % = 1,180.00, due today (no credit days): open, not overdue.
    const sale = await a.send<{ id: string; voucher_number: string }>('POST', '/vouchers/sales', {
      customer_id: customer.id,
      date: today,
      items: [{ product_id: pump, quantity: 4 }],
    });
    const receipt = await a.send<{ id: string; voucher_number: string }>('POST', '/vouchers/receipt', {
      date: today,
      mode: 'cash',
      cash_bank_ledger_id: await cashLedger(),
      customer_id: customer.id,
      amount: '2100.00',
      allocations: [
        { bill_id: old.id, amount: '2000.00' },
        { bill_id: small.id, amount: '100.00' },
      ],
    });

    const user = await createUser(ctx.env.apiUrl, a, 'standard_user');
    const page = await ctx.env.openAs(user.email, user.password);
    await open(page, `/customers/${customer.id}`);
    await page.getByTestId('party-bills').getByTestId('party-bill-SP-OLD').waitFor();
    expect(await text(page, 'party-balance')).toBe('4,180.00 Dr');
    expect(await text(page, 'party-outstanding')).toBe('4,180.00');
    expect(await text(page, 'party-overdue')).toBe('3,000.00');
    expect(await text(page, 'party-on-account')).toBe('0.00');
    const bills = page.getByTestId('party-bills');
    const cells = await bills.getByTestId('party-bill-SP-OLD').locator('td').allTextContents();
    expect(cells).toEqual([
      'SP-OLDOpening',
      dmy(addDays(start, -30)),
      dmy(addDays(start, -30)),
      '5,000.00',
      '3,000.00',
      String(daysBetween(addDays(start, -30), today)),
      'Partly paid',
    ]);
    expect(await bills.getByTestId(`party-bill-${sale.voucher_number}`).locator('td').nth(5).textContent()).toBe('');
    expect(await bills.getByTestId('party-bill-SP-SMALL').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await bills.getByText('Overdue', { exact: true }).click();
    await page.waitForURL(/bills=overdue/);
    await poll(() => bills.locator('tbody tr').count()).toBe(1);
    expect(await bills.getByTestId('party-bill-SP-OLD').count()).toBe(1);
    await bills.getByText('Paid', { exact: true }).click();
    await bills.getByTestId('party-bill-SP-SMALL').waitFor();
    expect(await bills.locator('tbody tr').count()).toBe(1);
    await bills.getByText('All', { exact: true }).click();
    await poll(() => bills.locator('tbody tr').count()).toBe(3);

    // The ledger: the opening bills are its opening balance; the sale and the receipt; the closing is the balance.
    const ledger = page.getByTestId('party-ledger');
    expect(await text(page, 'party-opening-balance')).toBe('5,100.00 Dr');
    expect(await text(page, 'party-closing-balance')).toBe('4,180.00 Dr');
    const rows = ledger.getByTestId('party-statement-row');
    expect(await rows.count()).toBe(2);
    const saleRow = ledger.locator('tr', { has: page.getByRole('link', { name: sale.voucher_number }) });
    expect((await saleRow.locator('td').allTextContents()).slice(2)).toEqual(['1,180.00', '', expect.stringMatching(/ Dr$/)]);
    const receiptRow = ledger.locator('tr', { has: page.getByRole('link', { name: receipt.voucher_number }) });
    expect((await receiptRow.locator('td').allTextContents())[3]).toBe('2,100.00');

    // A period that ends before today: nothing in it, the opening carried to the close.
    const to = ledger.getByLabel('To');
    await to.fill(dmy(addDays(start, 0)));
    await to.press('Enter');
    await page.waitForURL(/to=/);
    await poll(() => text(page, 'party-closing-balance')).toBe(today === start ? '4,180.00 Dr' : '5,100.00 Dr');

    await open(page, `/customers/${customer.id}`);
    await page.getByTestId('party-ledger').getByRole('link', { name: sale.voucher_number }).click();
    await page.waitForURL(`**/vouchers/sales/${sale.id}`);
    await page.getByTestId('invoice').waitFor();

    // The dashboard's receivables count the same bills: what is overdue is named.
    await open(page, '/');
    await page.getByTestId('stat-receivables').waitFor();
    const books = (await a.get<{ books: { receivables: { total: string; overdue: string; overdue_bills: number } } }>('/dashboard')).books;
    expect(await text(page, 'stat-receivables')).toBe(formatRupees(books.receivables.total));
    expect(books.receivables.overdue_bills).toBeGreaterThan(0);
    expect(
      await page.getByText(`${formatRupees(books.receivables.overdue)} overdue (${books.receivables.overdue_bills} bill`).count(),
    ).toBe(1);
    await page.close();
  }, 180_000);

  it('pages through a long ledger: Load more brings the rest, the running balance carried from one page to the next', async () => {
    const a = ctx.org.admin.api;
    const customer = await a.send<{ id: string }>('POST', '/customers', { name: 'Kolhapur Castings', state_code: '27' });
    // 51 advances of 10.00 received today: a page of 50 entries and one more.
    const cash = await cashLedger();
    for (let batch = 0; batch < 51; batch += 17)
      await Promise.all(
        Array.from({ length: 17 }, () =>
          a.send('POST', '/vouchers/receipt', {
            date: today,
            mode: 'cash',
            cash_bank_ledger_id: cash,
            customer_id: customer.id,
            amount: '10.00',
          }),
        ),
      );

    const user = await createUser(ctx.env.apiUrl, a, 'standard_user');
    const page = await ctx.env.openAs(user.email, user.password);
    await open(page, `/customers/${customer.id}`);
    const ledger = page.getByTestId('party-ledger');
    const rows = ledger.getByTestId('party-statement-row');
    await poll(() => rows.count()).toBe(50);
    // The period's figures are there from the first page.
    expect(await text(page, 'party-opening-balance')).toBe('0.00');
    expect(await text(page, 'party-closing-balance')).toBe('510.00 Cr');
    expect(await ledger.getByTestId('party-statement-totals').textContent()).toContain('510.00');
    await ledger.getByRole('button', { name: 'Load more' }).click();
    await poll(() => rows.count()).toBe(51);
    expect(await ledger.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Each balance is the one before less 10.00 (Cr −), from the opening to the closing, across the page break.
    const balances = (await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[4]?.textContent ?? ''))).map(
      (b) => Number(b.replace(/,/g, '').replace(/ (Dr|Cr)$/, '')) * (b.endsWith(' Cr') ? -1 : 1),
    );
    expect(balances).toEqual(Array.from({ length: 51 }, (_, i) => -10 * (i + 1)));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('stock summary', () => {
  it('lists quantity, average cost and value per product as on a date; a product opens its stock; CSV as the API writes it', async () => {
    const a = ctx.org.admin.api;
    const bolt = await product('Hex bolt M12');
    await a.send('POST', '/stock/adjustments', { product_id: bolt, quantity_change: '10', unit_cost: '150', reason: 'Count' });
    await a.send('POST', '/stock/adjustments', { product_id: bolt, quantity_change: '20', unit_cost: '151', reason: 'Count' });
    const api = await a.get<{
      total_value: string;
      items: { product_id: string; quantity: string; average_cost: string; value: string }[];
    }>('/reports/stock-summary');
    const mine = api.items.find((i) => i.product_id === bolt)!;

    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await open(page, '/reports/stock-summary');
    await page.getByRole('heading', { name: 'Stock summary' }).waitFor();
    const report = page.getByTestId('stock-summary');
    const row = report.locator('tr', { has: page.getByRole('link', { name: 'Hex bolt M12' }) });
    await row.waitFor();
    // 10 × 150 + 20 × 151 = 4,520.00 for 30: 150.6667 a unit.
    expect(await row.locator('td').allTextContents()).toEqual(['Hex bolt M12', '30 PCS', '150.6667', '4,520.00']);
    expect(mine).toMatchObject({ quantity: '30.000', average_cost: '150.6667', value: '4520.00' });
    expect((await report.getByTestId('stock-summary-total-value').textContent())?.replace(/,/g, '')).toBe(api.total_value);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`stock-summary-${today}.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(csv).toContain('Hex bolt M12');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`stock-summary-${today}.xlsx`);

    // The day before: the adjustments of today are not in it.
    const asOf = page.getByLabel('As on');
    await asOf.fill(dmy(addDays(today, -1)));
    await asOf.press('Enter');
    await page.waitForURL(`**/reports/stock-summary?as_of=${addDays(today, -1)}`);
    await poll(() => report.getByRole('link', { name: 'Hex bolt M12' }).count()).toBe(0);

    await open(page, '/reports/stock-summary');
    await report.getByRole('link', { name: 'Hex bolt M12' }).click();
    await page.waitForURL(`**/stock/${bolt}`);

    // The balance sheet's closing stock opens the same report for its date.
    await open(page, '/reports/balance-sheet');
    await page.getByTestId('balance-sheet').getByRole('link', { name: 'Closing Stock' }).click();
    await page.waitForURL(/\/reports\/stock-summary\?as_of=/);
    await page.getByRole('heading', { name: 'Stock summary' }).waitFor();
    await page.close();
  });
});

describe('the books’ pages on a phone', () => {
  it('fit 390 px without sideways scroll and have no serious or critical axe violation', { timeout: 600_000 }, async () => {
    const a = ctx.org.admin.api;
    // What the pages show is seeded here, not left by the tests before: a ledger's opening, a
    // customer with an opening bill, a sale and a receipt in cash, opening stock.
    const start = await booksStart();
    const cash = await cashLedger();
    const capital = await a.get<{ items: { id: string; name: string }[] }>('/accounts/ledgers?kind=other&search=Capital');
    await a.send('PUT', `/opening-balances/ledgers/${capital.items.find((l) => l.name === 'Capital')!.id}`, {
      amount: '25000.00',
      side: 'credit',
    });
    const customer = await a.send<{ id: string }>('POST', '/customers', { name: 'Wai Motors', state_code: '27' });
    await a.send('POST', `/opening-balances/parties/${customer.id}/bills`, { ref: 'WM-OLD', date: addDays(start, -15), amount: '2500.00' });
    const gear = await product('Gear blank');
    await a.send('PUT', `/opening-balances/stock/${gear}`, { quantity: '40', rate: '120' });
    await a.send('POST', '/vouchers/sales', { customer_id: customer.id, date: today, items: [{ product_id: gear, quantity: 2 }] });
    await a.send('POST', '/vouchers/receipt', {
      date: today,
      mode: 'cash',
      cash_bank_ledger_id: cash,
      customer_id: customer.id,
      amount: '500.00',
    });
    const pages = [
      '/accounts',
      '/accounts/opening-balances',
      `/customers/${customer.id}`,
      '/reports/stock-summary',
      '/reports/trial-balance',
      '/reports/profit-and-loss',
      '/reports/balance-sheet',
      '/reports/day-book',
      '/reports/cash-book',
      '/reports/bank-book',
      `/reports/ledgers/${cash}`,
    ];
    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    for (const path of pages) {
      await open(page, path);
      await ctx.env.screenshot(page, `books-phone${path.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/\//g, '-')}`);
      const o = await sidewaysOverflow(page);
      if (o.scrollWidth > o.innerWidth)
        problems.push(`${path} scrolls sideways: ${o.scrollWidth} > ${o.innerWidth}; ${o.widest.join(', ')}`);
      for (const v of await seriousA11yViolations(page))
        problems.push(`${path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
