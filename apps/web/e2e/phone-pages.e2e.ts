import { IMPORT_FIELDS, IMPORT_KINDS, indianDate } from '@tritiq/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, settled, sidewaysOverflow } from './support/page-checks';
import { gstinFor } from './vouchers.fixtures';
import { withVoucherOrganization } from './vouchers.env';

/**
 * Issue 14 items 7 and 12 for the pages added since: receipts, payments, contra, journal, credit
 * and debit notes (register, entry and voucher), GST returns, import (each kind, with its dry-run
 * report), Settings → Your data and the outstanding report (both sides), on a 390×844 phone: no
 * sideways scroll, no serious or critical axe-core violation (an unlabelled control is one). The
 * statements, chart of accounts, opening balances and party pages are in books-pages.e2e.ts, the
 * sales and purchase pages in screens.e2e.ts. Chromium against the real API.
 */

const ctx = withVoucherOrganization('27');
const today = indianDate(new Date());
const ids: Record<string, string> = {};

beforeAll(async () => {
  const a = ctx.org.admin.api;
  const customer = await a.send<{ id: string }>('POST', '/customers', {
    name: 'Aurangabad Auto Components',
    state_code: '27',
    gstin: gstinFor('27', 'AABCA4321M'),
    email: 'accounts@aurangabad-auto.test',
  });
  const vendor = await a.send<{ id: string }>('POST', '/vendors', {
    name: 'Kolhapur Castings',
    state_code: '27',
    gstin: gstinFor('27', 'AAFCK5678Q'),
  });
  const gear = await a.send<{ id: string }>('POST', '/products', {
    name: 'Gear blank',
    hsn_code: '7326',
    unit: 'PCS',
    unit_price: '450.00',
    gst_rate: '18',
  });
  const purchase = await a.send<{ id: string; items: { id: string }[] }>('POST', '/vouchers/purchase', {
    vendor_id: vendor.id,
    date: today,
    items: [{ product_id: gear.id, quantity: 40 }],
  });
  const sale = await a.send<{ id: string; items: { id: string }[] }>('POST', '/vouchers/sales', {
    customer_id: customer.id,
    date: today,
    items: [{ product_id: gear.id, quantity: 12 }],
  });
  const ledgers = await a.get<{ items: { id: string; name: string }[] }>('/accounts/ledgers?kind=cash_bank');
  const cash = ledgers.items.find((l) => l.name === 'Cash')!.id;
  const groups = await a.get<{ items: { id: string; system_key: string | null }[] }>('/accounts/groups');
  const group = (key: string) => groups.items.find((g) => g.system_key === key)!.id;
  const bank = await a.send<{ id: string }>('POST', '/accounts/ledgers', {
    name: 'HDFC Current Account',
    group_id: group('bank_accounts'),
  });
  const rent = await a.send<{ id: string }>('POST', '/accounts/ledgers', { name: 'Office rent', group_id: group('indirect_expenses') });
  const tds = await a.send<{ id: string }>('POST', '/accounts/ledgers', { name: 'TDS payable', group_id: group('duties_and_taxes') });

  const made = {
    receipt: await a.send<{ id: string }>('POST', '/vouchers/receipt', {
      date: today,
      mode: 'cash',
      cash_bank_ledger_id: cash,
      customer_id: customer.id,
      amount: '2000.00',
    }),
    payment: await a.send<{ id: string }>('POST', '/vouchers/payment', {
      date: today,
      mode: 'cash',
      cash_bank_ledger_id: cash,
      vendor_id: vendor.id,
      amount: '5000.00',
    }),
    contra: await a.send<{ id: string }>('POST', '/vouchers/contra', {
      date: today,
      lines: [
        { ledger_id: bank.id, side: 'debit', amount: '1000.00' },
        { ledger_id: cash, side: 'credit', amount: '1000.00' },
      ],
    }),
    journal: await a.send<{ id: string }>('POST', '/vouchers/journal', {
      date: today,
      reference: 'December rent',
      lines: [
        { ledger_id: rent.id, side: 'debit', amount: '25000.00', narration: 'December' },
        { ledger_id: tds.id, side: 'credit', amount: '2500.00' },
        { ledger_id: bank.id, side: 'credit', amount: '22500.00' },
      ],
    }),
    'credit-note': await a.send<{ id: string }>('POST', '/vouchers/credit-note', {
      against_voucher_id: sale.id,
      date: today,
      reason: 'sales_return',
      items: [{ against_line_id: sale.items[0]!.id, quantity: 2 }],
    }),
    'debit-note': await a.send<{ id: string }>('POST', '/vouchers/debit-note', {
      against_voucher_id: purchase.id,
      date: today,
      reason: 'sales_return',
      items: [{ against_line_id: purchase.items[0]!.id, quantity: 3 }],
    }),
  };
  for (const [type, v] of Object.entries(made)) ids[type] = v.id;
}, 300_000);

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${ctx.env.webUrl}${path}`);
  await settled(page);
}

/** The page as it is now: its sideways scroll and its serious or critical axe violations, each a line. */
async function problemsOf(page: Page, what: string): Promise<string[]> {
  const problems: string[] = [];
  const o = await sidewaysOverflow(page);
  if (o.scrollWidth > o.innerWidth) problems.push(`${what} scrolls sideways: ${o.scrollWidth} > ${o.innerWidth}; ${o.widest.join(', ')}`);
  for (const v of await seriousA11yViolations(page)) problems.push(`${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
  return problems;
}

const shotName = (path: string) => `phone-added${path.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/[/?=&]/g, '-')}`;

describe('the pages added since issue 14 on a 390 px phone', () => {
  it('the vouchers of the books and the returns, GST returns, Your data and the outstanding report', { timeout: 900_000 }, async () => {
    const pages = [
      ...['receipt', 'payment', 'contra', 'journal', 'credit-note', 'debit-note'].flatMap((t) => [
        `/vouchers/${t}`,
        `/vouchers/${t}/new`,
        `/vouchers/${t}/${ids[t]}`,
      ]),
      '/gst-returns',
      '/settings/data',
      '/reports/outstanding',
      '/reports/outstanding?side=payable',
    ];
    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    for (const path of pages) {
      await open(page, path);
      await ctx.env.screenshot(page, shotName(path));
      problems.push(...(await problemsOf(page, path)));
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('import, each kind with the dry run of a file that has problems', { timeout: 600_000 }, async () => {
    const page = await ctx.env.openAs(ctx.org.admin.email, ctx.org.admin.password);
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, '/settings/import');
    const problems: string[] = [];
    for (const kind of IMPORT_KINDS) {
      const fields = IMPORT_FIELDS[kind];
      // The kind's segment (its radio is hidden under its label).
      const radio = page.locator(`input[type="radio"][value="${kind}"]`);
      await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
      expect(await radio.isChecked()).toBe(true);
      // Every column of the kind, headed as the template heads it, and one row with the required
      // fields empty: the report lists a problem for each.
      const csv = `${fields.map((f) => f.label).join(',')}\n${fields.map((f) => (f.required ? '' : 'x')).join(',')}\n`;
      await page.locator('input[type="file"]').setInputFiles({ name: `${kind}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      // The dry run's report, or the file refused as a whole (the page says why): either must fit.
      await page.getByTestId('import-problem').or(page.getByTestId('import-error')).first().waitFor();
      await ctx.env.screenshot(page, `phone-added-import-${kind}`);
      problems.push(...(await problemsOf(page, `/settings/import (${kind})`)));
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
