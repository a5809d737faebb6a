import { ORG_ADMIN_ROLES, type Role, type VoucherTypeDefinition } from '@tritiq/contracts';

/**
 * Who may open which page. One table, used both to build the navigation and to refuse a page
 * reached by URL (the (app) layout renders "not permitted" instead of the page). The API checks
 * every request again; this only keeps people out of pages that would fail for them.
 */

const ORG_MEMBERS: readonly Role[] = ['org_admin', 'admin', 'standard_user'];
const ORG_MANAGERS: readonly Role[] = ['org_admin', 'admin'];
const SUPER: readonly Role[] = ['super_admin'];
const EVERYONE: readonly Role[] = ['super_admin', 'org_admin', 'admin', 'standard_user'];

/** Longest prefix wins. */
const PAGE_ROLES: ReadonlyArray<readonly [prefix: string, roles: readonly Role[]]> = [
  ['/', EVERYONE],
  ['/profile', EVERYONE],
  ['/vendors', ORG_MEMBERS],
  ['/customers', ORG_MEMBERS],
  ['/products', ORG_MEMBERS],
  ['/stock', ORG_MEMBERS],
  ['/vouchers', ORG_MEMBERS],
  ['/reports', ORG_MEMBERS],
  // Everyone reads the chart of accounts (receipts pick their ledgers from it); only admins change it (the page hides the actions).
  ['/accounts', ORG_MEMBERS],
  // Opening balances are admins' and org admins', as the API allows.
  ['/accounts/opening-balances', ORG_MANAGERS],
  // Every organisation role reads the returns, as the API allows; only org admins mark a month filed (the page hides it for others).
  ['/gst-returns', ORG_MEMBERS],
  ['/settings', ORG_MANAGERS],
  ['/admin', SUPER],
];

/** What the access table needs of a voucher type: its route segment, link label and roles (from its definition). */
export type VoucherTypeAccess = Pick<VoucherTypeDefinition, 'type' | 'navLabel' | 'roles'>;

const VOUCHER_PAGE = /^\/vouchers\/([^/]+)(\/[^/]+)?$/;

/**
 * A voucher type's pages follow its definition: its register and vouchers to who may read it, its
 * "new" page to who may create one. An unknown type falls to `/vouchers` (the page says not found).
 */
export function rolesForPath(pathname: string, voucherTypes: readonly VoucherTypeAccess[] = []): readonly Role[] {
  const page = VOUCHER_PAGE.exec(pathname);
  const def = page ? voucherTypes.find((d) => d.type === page[1]) : undefined;
  if (def) return page![2] === '/new' ? def.roles.create : def.roles.read;
  let best: readonly [string, readonly Role[]] = PAGE_ROLES[0]!;
  for (const entry of PAGE_ROLES) {
    const [prefix] = entry;
    const matches = prefix === '/' || pathname === prefix || pathname.startsWith(`${prefix}/`);
    if (matches && prefix.length >= best[0].length) best = entry;
  }
  return best[1];
}

export function canOpen(role: Role, pathname: string, voucherTypes: readonly VoucherTypeAccess[] = []): boolean {
  return rolesForPath(pathname, voucherTypes).includes(role);
}

export interface NavLink {
  label: string;
  href: string;
}
export interface NavGroup {
  label: string;
  links: NavLink[];
}

const ORG_NAV: NavGroup[] = [
  {
    label: 'Master Data',
    links: [
      { label: 'Vendors', href: '/vendors' },
      { label: 'Customers', href: '/customers' },
      { label: 'Products', href: '/products' },
    ],
  },
  { label: 'Inventory', links: [{ label: 'Stock', href: '/stock' }] },
  // The voucher types' links, from their definitions (see navFor).
  { label: 'Vouchers', links: [] },
  { label: 'GST', links: [{ label: 'GST returns', href: '/gst-returns' }] },
  {
    label: 'Accounts',
    links: [
      { label: 'Chart of accounts', href: '/accounts' },
      { label: 'Opening balances', href: '/accounts/opening-balances' },
      { label: 'Trial balance', href: '/reports/trial-balance' },
      { label: 'Profit & loss', href: '/reports/profit-and-loss' },
      { label: 'Balance sheet', href: '/reports/balance-sheet' },
      { label: 'Day book', href: '/reports/day-book' },
      { label: 'Cash book', href: '/reports/cash-book' },
      { label: 'Bank books', href: '/reports/bank-book' },
      { label: 'Outstanding', href: '/reports/outstanding' },
      { label: 'Stock summary', href: '/reports/stock-summary' },
    ],
  },
  {
    label: 'Settings',
    links: [
      { label: 'Company profile', href: '/settings' },
      { label: 'Preferences', href: '/settings/preferences' },
      { label: 'Users', href: '/settings/users' },
      { label: 'Import', href: '/settings/import' },
      { label: 'Your data', href: '/settings/data' },
      { label: 'Audit events', href: '/settings/audit' },
    ],
  },
];

const SUPER_NAV: NavGroup[] = [
  {
    label: 'Console',
    links: [
      { label: 'Organisations', href: '/admin/organisations' },
      { label: 'Platform users', href: '/admin/users' },
      { label: 'Password reset', href: '/admin/password-reset' },
      { label: 'Email', href: '/admin/email' },
      { label: 'Audit', href: '/admin/audit' },
      { label: 'System health', href: '/admin/health' },
    ],
  },
];

/** The navigation a role sees: only links it may open, groups left empty disappear; one link per voucher type. */
export function navFor(role: Role, voucherTypes: readonly VoucherTypeAccess[] = []): NavGroup[] {
  const source = role === 'super_admin' ? SUPER_NAV : ORG_NAV;
  const voucherLinks = voucherTypes.map((d) => ({ label: d.navLabel, href: `/vouchers/${d.type}` }));
  return source
    .map((group) => (group.label === 'Vouchers' ? { ...group, links: voucherLinks } : group))
    .map((group) => ({ ...group, links: group.links.filter((l) => canOpen(role, l.href, voucherTypes)) }))
    .filter((group) => group.links.length > 0);
}

/** Whether a navigation link is the current page or one of its sub-pages. */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || (href !== '/' && pathname.startsWith(`${href}/`));
}

/** Whether the signed-in user may use admin-only actions (deactivate, delete, adjust stock, cancel). */
export function isAdminRole(role: Role | null | undefined): boolean {
  return role != null && (ORG_ADMIN_ROLES as readonly Role[]).includes(role);
}
