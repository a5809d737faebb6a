import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, gstinFor, type TestOrganization } from './vouchers.fixtures';
import { startVoucherEnv, type VoucherEnv } from './vouchers.env';
import { field } from './vouchers.ui';

/**
 * Issue 14, as an accountant coming from Tally works: the keyboard alone (a sales voucher posted
 * without the mouse, shortcuts, the Ctrl+K palette), pickers that take what is typed, nothing
 * lost on leaving a half-filled voucher, and the product picker's stock and last rate.
 */

let env: VoucherEnv;
let org: TestOrganization;
let steel: { id: string };
let bengaluru: { id: string };
let firstSale: { voucher_number: string };

beforeAll(async () => {
  env = await startVoucherEnv();
  org = await createOrganization(env.apiUrl, env.superToken, '27');
  const api = org.admin.api;
  bengaluru = await api.send<{ id: string }>('POST', '/customers', {
    name: 'Bengaluru Fabricators',
    state_code: '29',
    gstin: gstinFor('29', 'AABCB4321M'),
  });
  steel = await api.send<{ id: string }>('POST', '/products', {
    name: 'Steel bracket',
    unit: 'PCS',
    hsn_code: '7326',
    sale_price: '250.00',
    purchase_price: '180.00',
    gst_rate: '18',
  });
  await api.send('POST', '/stock/adjustments', { product_id: steel.id, quantity_change: '10', reason: 'Opening stock' });
  // An earlier sale to the customer at another rate: the picker shows it as the last rate.
  firstSale = await api.send<{ voucher_number: string }>('POST', '/vouchers/sales', {
    customer_id: bengaluru.id,
    date: new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10),
    items: [{ product_id: steel.id, quantity: '1', unit_price: '240.00' }],
  });
}, 300_000);

afterAll(async () => {
  await env?.close();
}, 60_000);

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Tab (keyboard only) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, most = 20): Promise<void> {
  for (let i = 0; i < most; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the field');
}

describe('keyboard first', () => {
  it('posts a sales voucher with the keyboard alone: S, the only match on Enter, Tab, Ctrl+Enter', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/`);
    await page.getByRole('heading').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('s');
    await page.waitForURL(`${env.webUrl}/vouchers/sales/new`);

    // Focus starts in the form's first field; Enter picks the first (only) match, even before it arrives.
    const customer = field(page, 'Customer');
    await expect.poll(() => isFocused(customer)).toBe(true);
    await page.keyboard.type('Bengal');
    await page.keyboard.press('Enter');
    await expect.poll(() => customer.inputValue()).toBe('Bengaluru Fabricators');
    await page.getByTestId('party-info').waitFor();

    const product = field(page, 'Product, line 1');
    await tabTo(page, product);
    await page.keyboard.type('Steel');
    // The picker shows stock on hand and the rate last billed to this customer.
    const option = page.getByRole('option', { name: /Steel bracket/ });
    await expect.poll(() => option.textContent()).toContain('9 PCS in stock · last ₹240.00');
    await env.screenshot(page, 'keyboard-product-picker');
    await page.keyboard.press('Enter');
    await expect.poll(() => product.inputValue()).toBe('Steel bracket');
    // A sales line starts at the product's sale price, not its purchase price.
    expect(await field(page, 'Rate, line 1').inputValue()).toBe('250.00');
    await expect.poll(() => page.getByTestId('line-1-last-rate').textContent()).toMatch(/Last rate to this party: ₹240\.00 \(SV\//);

    await page.keyboard.press('Tab');
    expect(await isFocused(field(page, 'Quantity, line 1'))).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('4');
    await expect.poll(() => page.getByTestId('total-grand').textContent()).toBe('₹1,180.00');
    await env.screenshot(page, 'keyboard-voucher-form');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('voucher-created').waitFor();
    expect(page.url()).toMatch(/\/vouchers\/sales\/[0-9a-f-]{36}\?created=1$/);
    expect(await page.getByTestId('view-grand').textContent()).toBe('₹1,180.00');
    await env.screenshot(page, 'keyboard-voucher-saved');
    await page.close();
  });

  it('Ctrl+Enter inside a number only saves; a refused save puts the focus on the first field in error', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const product = field(page, 'Product, line 1');
    await product.click();
    await page.keyboard.type('Steel');
    await page.getByRole('option', { name: /Steel bracket/ }).waitFor();
    await page.keyboard.press('Enter');
    const quantity = field(page, 'Quantity, line 1');
    await quantity.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('voucher-refusal').waitFor();
    expect(await page.getByTestId('line-2').count()).toBe(0);
    const customer = field(page, 'Customer');
    await expect.poll(() => isFocused(customer)).toBe(true);
    expect(await customer.getAttribute('aria-invalid')).toBe('true');
    await env.screenshot(page, 'keyboard-refusal-focus');

    // More than is on hand: a warning first, a second save posts (the server still decides).
    await page.keyboard.type('Bengal');
    await page.keyboard.press('Enter');
    await expect.poll(() => customer.inputValue()).toBe('Bengaluru Fabricators');
    await quantity.fill('50');
    await page.getByRole('button', { name: 'Save sales voucher' }).click();
    await page.getByTestId('stock-warning').waitFor();
    expect(await page.getByTestId('stock-warning').textContent()).toMatch(/Line 1: Steel bracket has 5 PCS on hand.*Save again/);
    await env.screenshot(page, 'voucher-stock-warning');
    await quantity.fill('1');
    await page.getByRole('button', { name: 'Save sales voucher' }).click();
    await page.getByTestId('voucher-created').waitFor();

    // Copy as new: the party and lines of this voucher in a new form.
    await page.getByRole('link', { name: 'Copy as new' }).click();
    await expect.poll(() => field(page, 'Customer').inputValue()).toBe('Bengaluru Fabricators');
    await expect.poll(() => field(page, 'Product, line 1').inputValue()).toBe('Steel bracket');
    expect(await field(page, 'Quantity, line 1').inputValue()).toBe('1');
    await env.screenshot(page, 'voucher-copy-as-new');
    await page.close();
  });

  it('Ctrl+K jumps to a voucher number, ? lists the shortcuts, menus close after a click', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/`);
    await page.getByRole('heading').first().waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Go to' });
    await palette.waitFor();
    await page.keyboard.type(firstSale.voucher_number);
    const hit = palette.getByRole('option', { name: `${firstSale.voucher_number} · Bengaluru Fabricators` });
    await hit.waitFor();
    await env.screenshot(page, 'command-palette');
    // The first results are pages; arrow down to the voucher, Enter opens it.
    for (let i = 0; i < 10 && (await hit.getAttribute('aria-selected')) !== 'true'; i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/vouchers\/sales\/[0-9a-f-]{36}$/);
    await page.getByTestId('invoice').waitFor();
    // Shortcuts wait while a dialog or menu owns the keyboard: the palette's closing must be over.
    const overlays = page.locator('[role="dialog"], [role="menu"]');
    await expect.poll(() => overlays.count(), { timeout: 60_000 }).toBe(0);

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('New sales voucher');
    expect(await help.textContent()).toContain('Ctrl+K or /');
    await env.screenshot(page, 'shortcuts-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await expect.poll(() => overlays.count(), { timeout: 60_000 }).toBe(0);

    // "/" opens the palette too; a customer's name goes to its page, a product's to its stock; Esc closes.
    await page.keyboard.press('/');
    await palette.waitFor();
    await page.keyboard.type('Bengaluru');
    const party = palette.getByRole('option', { name: /Bengaluru Fabricators\s*Customer/ });
    await party.waitFor();
    for (let i = 0; i < 10 && (await party.getAttribute('aria-selected')) !== 'true'; i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${env.webUrl}/customers/${bengaluru.id}`);
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('Steel');
    await palette.getByRole('option', { name: /Steel bracket/ }).click();
    await page.waitForURL(`${env.webUrl}/stock/${steel.id}`);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await palette.waitFor();
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Vouchers' }).click();
    const newSales = page.getByRole('menuitem', { name: /New sales voucher/ });
    expect(await newSales.textContent()).toContain('S');
    await page.getByRole('menuitem', { name: 'Sales', exact: true }).click();
    await page.waitForURL(`${env.webUrl}/vouchers/sales`);
    await page.getByRole('heading', { name: 'Sales vouchers' }).waitFor();
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);

    // The header menus by keyboard alone: ArrowDown opens on the first item, End goes to the last,
    // Escape closes and gives the keyboard back to the menu's button.
    const vouchersButton = page.getByRole('button', { name: 'Vouchers' });
    await vouchersButton.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu').waitFor();
    const focusedItem = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(await focusedItem()).toBe('Sales');
    await page.keyboard.press('ArrowDown');
    expect(await focusedItem()).toMatch(/^New sales voucher/);
    await page.keyboard.press('End');
    const items = await page.getByRole('menuitem').allTextContents();
    expect(await focusedItem()).toBe(items.at(-1)?.trim());
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);
    expect(await vouchersButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });
});

describe('pickers take what is typed', () => {
  it(
    'a GST rate typed "5" then Enter saves 5 %; the customer form has one state field that a GSTIN fills',
    { timeout: 300_000 },
    async () => {
      const page = await env.openAs(org.admin.email, org.admin.password);
      await page.goto(`${env.webUrl}/products`);
      await page.getByRole('button', { name: 'New product' }).click();
      const form = page.getByRole('form', { name: 'product form' });
      await expect.poll(() => isFocused(field(form, 'Name'))).toBe(true);
      await page.keyboard.type('Cutting oil');
      await field(form, 'Unit').fill('L');
      await field(form, 'Sale price (₹)').fill('412.35');
      await field(form, 'Purchase price (₹)').fill('300');
      await field(form, 'GST rate').click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      await expect.poll(() => field(form, 'GST rate').inputValue()).toBe('5 %');
      await env.screenshot(page, 'product-form-gst-typed');
      await form.getByRole('button', { name: 'Add product' }).click();
      await form.waitFor({ state: 'detached' });
      const saved = await org.admin.api.get<{ items: { gst_rate: string; sale_price: string; purchase_price: string }[] }>(
        '/products?search=Cutting%20oil',
      );
      expect(saved.items[0]).toMatchObject({ gst_rate: '5.00', sale_price: '412.35', purchase_price: '300.00' });

      await page.goto(`${env.webUrl}/customers`);
      await page.getByRole('button', { name: 'New customer' }).click();
      const customer = page.getByRole('form', { name: 'customer form' });
      expect(await field(customer, 'State name').count()).toBe(0);
      await field(customer, 'Name').fill('Mysuru Castings');
      await field(customer, 'GSTIN').fill(gstinFor('29', 'AABCM1111K'));
      await expect.poll(() => field(customer, 'GST state').inputValue()).toBe('29 - Karnataka');
      await env.screenshot(page, 'customer-form-state-from-gstin');
      await customer.getByRole('button', { name: 'Add customer' }).click();
      await customer.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'New customer' }).click();
      await field(customer, 'Name').fill('Pune Traders');
      await field(customer, 'GST state').click();
      await page.keyboard.type('Mahar');
      await page.keyboard.press('Enter');
      await expect.poll(() => field(customer, 'GST state').inputValue()).toBe('27 - Maharashtra');
      await customer.getByRole('button', { name: 'Add customer' }).click();
      await customer.waitFor({ state: 'detached' });
      const parties = await org.admin.api.get<{ items: { name: string; state_code: string | null; state: string | null }[] }>('/customers');
      const byName = Object.fromEntries(parties.items.map((p) => [p.name, p]));
      expect(byName['Mysuru Castings']).toMatchObject({ state_code: '29', state: 'Karnataka' });
      expect(byName['Pune Traders']).toMatchObject({ state_code: '27', state: 'Maharashtra' });
      await page.close();
    },
  );

  it(
    'the company profile never saves a state left typed but not chosen; "Mahar" then Enter chooses Maharashtra',
    { timeout: 300_000 },
    async () => {
      const other = await createOrganization(env.apiUrl, env.superToken, '27');
      await other.admin.api.send('PATCH', '/organization/profile', { gstin: null, state_code: null });
      const page = await env.openAs(other.admin.email, other.admin.password);
      await page.goto(`${env.webUrl}/settings`);
      const legal = field(page, 'Legal name');
      await expect.poll(() => isFocused(legal)).toBe(true);
      const state = field(page, 'GST state code');
      await state.click();
      await page.keyboard.type('Xyz');
      await page.keyboard.press('Tab');
      await page.getByText('No state matches “Xyz”: pick one from the list').waitFor();
      await field(page, 'Phone').fill('+91 20 2712 0000');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Choose the GST state: vouchers need it').waitFor();
      await env.screenshot(page, 'company-profile-state-required');
      expect((await other.admin.api.get<{ state_code: string | null }>('/organization/profile')).state_code).toBeNull();

      await state.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('Mahar');
      await page.keyboard.press('Enter');
      await expect.poll(() => state.inputValue()).toBe('27 — Maharashtra');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Company profile saved').waitFor();
      expect((await other.admin.api.get<{ state_code: string | null }>('/organization/profile')).state_code).toBe('27');
      await page.close();
    },
  );
});

describe('nothing lost, nothing in the way', () => {
  it('a half-filled voucher asks before leaving and is offered back as a draft', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const customer = field(page, 'Customer');
    await customer.click();
    await page.keyboard.type('Bengal');
    await page.keyboard.press('Enter');
    await expect.poll(() => customer.inputValue()).toBe('Bengaluru Fabricators');
    await field(page, 'Product, line 1').click();
    await page.keyboard.type('Steel');
    await page.getByRole('option', { name: /Steel bracket/ }).waitFor();
    await page.keyboard.press('Enter');
    await field(page, 'Quantity, line 1').fill('3');

    const questions: string[] = [];
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'TRITIQ ERP' }).click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toContain('unsaved changes');
    expect(page.url()).toBe(`${env.webUrl}/vouchers/sales/new`);

    // Back asks too; staying keeps the page and what was typed.
    page.once('dialog', (d) => {
      questions.push(d.message());
      void d.dismiss();
    });
    await page.evaluate(() => window.history.back());
    await expect.poll(() => questions.length).toBe(2);
    expect(page.url()).toBe(`${env.webUrl}/vouchers/sales/new`);
    expect(await field(page, 'Quantity, line 1').inputValue()).toBe('3');

    // A change made just before leaving (within the draft's 300 ms) is in the draft too.
    await field(page, 'Quantity, line 1').fill('4');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('link', { name: 'TRITIQ ERP' }).click();
    await page.waitForURL(`${env.webUrl}/`);

    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const offer = page.getByTestId('draft-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Bengaluru Fabricators');
    await env.screenshot(page, 'voucher-draft-offer');
    await offer.getByRole('button', { name: 'Restore it' }).click();
    await expect.poll(() => customer.inputValue()).toBe('Bengaluru Fabricators');
    expect(await field(page, 'Product, line 1').inputValue()).toBe('Steel bracket');
    expect(await field(page, 'Quantity, line 1').inputValue()).toBe('4');
    await page.close();
  });

  it('the party picker creates a missing customer and comes back with it chosen', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const customer = field(page, 'Customer');
    await customer.click();
    await page.keyboard.type('Nashik Agro Works');
    await page.getByRole('option', { name: 'Create “Nashik Agro Works”' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('form', { name: 'customer form' });
    await dialog.waitFor();
    expect(await field(dialog, 'Name').inputValue()).toBe('Nashik Agro Works');
    await field(dialog, 'GST state').click();
    await page.keyboard.type('Mahar');
    await page.keyboard.press('Enter');
    await env.screenshot(page, 'voucher-create-party');
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => customer.inputValue()).toBe('Nashik Agro Works');
    expect(await page.getByTestId('party-info').textContent()).toContain('Maharashtra');
    await page.close();
  });

  it('the date picker closes once a date is typed; date filters read DD/MM/YYYY; the favicon is served', { timeout: 300_000 }, async () => {
    const page = await env.openAs(org.admin.email, org.admin.password);
    await page.goto(`${env.webUrl}/vouchers/sales/new`);
    const date = field(page, 'Date');
    await date.click();
    const calendar = page.locator('.mantine-Popover-dropdown').filter({ has: page.locator('table') });
    await calendar.waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('01/12/2026');
    await calendar.waitFor({ state: 'hidden' });
    expect(await date.inputValue()).toBe('01/12/2026');

    await page.goto(`${env.webUrl}/settings/audit`);
    const from = field(page, 'From');
    expect(await from.getAttribute('type')).not.toBe('date');
    expect(await from.getAttribute('placeholder')).toBe('DD/MM/YYYY');
    await from.click();
    await page.keyboard.type('01/11/2026');
    await page.keyboard.press('Tab');
    expect(await from.inputValue()).toBe('01/11/2026');
    await env.screenshot(page, 'audit-date-filter');

    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(icon).toMatch(/^\/icon\.svg/);
    const res = await page.request.get(`${env.webUrl}${icon}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
    await page.close();
  });
});
