import type { Locator, Page } from 'playwright-core';

/** Small page helpers shared by the masters and voucher browser tests. */

/** An input by its label's text; a required field's label ends in " *". */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`)).and(scope.locator('input, textarea, select'));
}

/** Picks an option of a searchable picker (parties, products, states) by typing part of it. */
export async function pick(page: Page, input: Locator, text: string, option: string | RegExp): Promise<void> {
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

export async function addParty(
  page: Page,
  kind: 'vendor' | 'customer',
  p: { name: string; stateOption: RegExp; gstin?: string; email?: string; city?: string },
): Promise<void> {
  await page.getByRole('button', { name: `New ${kind}` }).click();
  const form = page.getByRole('form', { name: `${kind} form` });
  await field(form, 'Name').fill(p.name);
  if (p.email) await field(form, 'Email').fill(p.email);
  if (p.city) await field(form, 'City').fill(p.city);
  await pick(page, field(form, 'GST state'), p.stateOption.source.slice(1, 3), p.stateOption);
  if (p.gstin) await field(form, 'GSTIN').fill(p.gstin);
  await form.getByRole('button', { name: `Add ${kind}` }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId(`party-row-${p.name}`).waitFor();
}

export async function addProduct(
  page: Page,
  p: { name: string; hsn: string; unit: string; price: string; rate: string; reorder?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New product' }).click();
  const form = page.getByRole('form', { name: 'product form' });
  await field(form, 'Name').fill(p.name);
  await field(form, 'HSN/SAC code').fill(p.hsn);
  await field(form, 'Unit').fill(p.unit);
  await field(form, 'Sale price (₹)').fill(p.price);
  await field(form, 'GST rate').click();
  await page.getByRole('option', { name: `${p.rate} %`, exact: true }).click();
  if (p.reorder) await field(form, 'Reorder level').fill(p.reorder);
  await form.getByRole('button', { name: 'Add product' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId(`product-row-${p.name}`).waitFor();
}

export interface LineEntry {
  product: string;
  quantity: string;
  price?: string;
  discount?: string;
  /** A flat discount in rupees: the line's %/₹ switch set to ₹ first. */
  discountAmount?: string;
  rate?: string;
  inclusive?: boolean;
}

/**
 * Fills a new voucher's lines from the keyboard where a person would: the product picked by
 * typing, then Tab from field to field, Enter in the last number to start the next line.
 */
export async function fillLines(page: Page, lines: LineEntry[]): Promise<void> {
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const product = field(page, `Product, line ${n}`);
    await pick(page, product, line.product, new RegExp(`^${line.product}`));
    const qty = field(page, `Quantity, line ${n}`);
    await qty.fill(line.quantity);
    if (line.price !== undefined) await field(page, `Rate, line ${n}`).fill(line.price);
    if (line.inclusive !== undefined) {
      const box = page.getByTestId(`line-${n}`).getByLabel('incl. GST');
      if ((await box.isChecked()) !== line.inclusive) {
        // From the keyboard: Tab from the rate reaches the checkbox, Space ticks it.
        await field(page, `Rate, line ${n}`).focus();
        await page.keyboard.press('Tab');
        if (!(await box.evaluate((el) => el === document.activeElement)))
          throw new Error(`Tab from the rate of line ${n} did not reach "incl. GST"`);
        await page.keyboard.press('Space');
        if ((await box.isChecked()) !== line.inclusive) throw new Error(`Space did not set "incl. GST" on line ${n}`);
      }
    }
    if (line.discount !== undefined) await field(page, `Discount percent, line ${n}`).fill(line.discount);
    if (line.discountAmount !== undefined) {
      await field(page, `Discount as, line ${n}`).selectOption('amount');
      await field(page, `Discount amount, line ${n}`).fill(line.discountAmount);
    }
    if (line.rate !== undefined) await field(page, `GST rate, line ${n}`).selectOption(line.rate);
    if (i < lines.length - 1) {
      await field(page, line.discountAmount !== undefined ? `Discount amount, line ${n}` : `Discount percent, line ${n}`).press('Enter');
      await field(page, `Product, line ${n + 1}`).waitFor();
    }
  }
}

export interface ShownTotals {
  taxable: string;
  cgst: string | null;
  sgst: string | null;
  igst: string | null;
  roundOff: string;
  grand: string;
  words: string;
}

async function textOrNull(l: Locator): Promise<string | null> {
  return (await l.count()) ? (await l.textContent())!.trim() : null;
}

export async function liveTotals(page: Page): Promise<ShownTotals> {
  const t = page.getByTestId('live-totals');
  return {
    taxable: (await t.getByTestId('total-taxable').textContent())!.trim(),
    cgst: await textOrNull(t.getByTestId('total-cgst')),
    sgst: await textOrNull(t.getByTestId('total-sgst')),
    igst: await textOrNull(t.getByTestId('total-igst')),
    roundOff: (await t.getByTestId('total-round-off').textContent())!.trim(),
    grand: (await t.getByTestId('total-grand').textContent())!.trim(),
    words: (await t.getByTestId('total-words').textContent())!.trim(),
  };
}

/** Reads the on-hand quantity of a product on the stock page. */
export async function onHand(page: Page, product: string): Promise<string> {
  return (await page.getByTestId(`stock-row-${product}`).getByTestId('on-hand').textContent())!.trim();
}
