import { describe, expect, it } from 'vitest';
import { BUILT_IN_VOUCHER_TYPES } from '@tritiq/contracts';
import { canOpen, navFor } from './access';

const builtIn = Object.values(BUILT_IN_VOUCHER_TYPES);

describe('page access by role', () => {
  it('keeps settings to managers and the console to the super admin', () => {
    expect(canOpen('standard_user', '/vouchers/sales', builtIn)).toBe(true);
    expect(canOpen('standard_user', '/settings')).toBe(false);
    expect(canOpen('standard_user', '/settings/users')).toBe(false);
    expect(canOpen('admin', '/settings/users')).toBe(true);
    expect(canOpen('org_admin', '/admin/organisations')).toBe(false);
    expect(canOpen('super_admin', '/admin/organisations')).toBe(true);
    expect(canOpen('super_admin', '/vouchers/sales', builtIn)).toBe(false);
    expect(canOpen('standard_user', '/profile/password')).toBe(true);
    // The chart of accounts: everyone reads it (the page offers changes to admins only).
    expect(canOpen('standard_user', '/accounts')).toBe(true);
    expect(canOpen('super_admin', '/accounts')).toBe(false);
    // Opening balances: admins and org admins only, as the API allows.
    expect(canOpen('standard_user', '/accounts/opening-balances')).toBe(false);
    expect(canOpen('admin', '/accounts/opening-balances')).toBe(true);
    expect(canOpen('org_admin', '/accounts/opening-balances')).toBe(true);
    // Every organisation role reads the stock summary.
    expect(canOpen('standard_user', '/reports/stock-summary')).toBe(true);
    expect(canOpen('standard_user', '/settingsx')).toBe(true);
  });

  it('shows only what a role may open', () => {
    const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).flatMap((g) => [g.label, ...g.links.map((l) => l.label)]);
    expect(labels('standard_user')).not.toContain('Settings');
    expect(labels('standard_user')).not.toContain('Opening balances');
    expect(labels('standard_user')).toEqual(expect.arrayContaining(['Chart of accounts', 'Trial balance', 'Stock summary']));
    expect(labels('admin')).toContain('Opening balances');
    expect(labels('org_admin')).toEqual(expect.arrayContaining(['Master Data', 'Vendors', 'Settings', 'Users']));
    expect(labels('org_admin')).not.toContain('Vouchers');
    expect(labels('super_admin')).toEqual([
      'Console',
      'Organisations',
      'Platform users',
      'Password reset',
      'Email',
      'Audit',
      'System health',
    ]);
  });

  it('builds the voucher links and rules from the types the API serves', () => {
    const types = builtIn;
    const vouchers = (role: Parameters<typeof navFor>[0]) => navFor(role, types).find((g) => g.label === 'Vouchers')?.links;
    // Every organisation role reads every register (journal and contra included); creating those two is for admins.
    expect(vouchers('standard_user')).toEqual([
      { label: 'Sales', href: '/vouchers/sales' },
      { label: 'Purchase', href: '/vouchers/purchase' },
      { label: 'Receipts', href: '/vouchers/receipt' },
      { label: 'Payments', href: '/vouchers/payment' },
      { label: 'Contra', href: '/vouchers/contra' },
      { label: 'Journal', href: '/vouchers/journal' },
    ]);
    expect(canOpen('standard_user', '/vouchers/receipt/new', types)).toBe(true);
    expect(canOpen('standard_user', '/vouchers/journal', types)).toBe(true);
    expect(canOpen('standard_user', '/vouchers/journal/new', types)).toBe(false);
    expect(canOpen('admin', '/vouchers/journal/new', types)).toBe(true);
    expect(canOpen('standard_user', '/vouchers/sales/new', types)).toBe(true);
    expect(canOpen('super_admin', '/vouchers/journal', types)).toBe(false);
    expect(navFor('super_admin', types).map((g) => g.label)).toEqual(['Console']);
  });
});
