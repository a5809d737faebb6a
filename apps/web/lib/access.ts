import type { Role } from '@tritiq/contracts';

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
  ['/settings', ORG_MANAGERS],
  ['/admin', SUPER],
];

export function rolesForPath(pathname: string): readonly Role[] {
  let best: readonly [string, readonly Role[]] = PAGE_ROLES[0]!;
  for (const entry of PAGE_ROLES) {
    const [prefix] = entry;
    const matches = prefix === '/' || pathname === prefix || pathname.startsWith(`${prefix}/`);
    if (matches && prefix.length >= best[0].length) best = entry;
  }
  return best[1];
}

export function canOpen(role: Role, pathname: string): boolean {
  return rolesForPath(pathname).includes(role);
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
  {
    label: 'Vouchers',
    links: [
      { label: 'Sales', href: '/vouchers/sales' },
      { label: 'Purchase', href: '/vouchers/purchase' },
    ],
  },
  {
    label: 'Settings',
    links: [
      { label: 'Company profile', href: '/settings' },
      { label: 'Preferences', href: '/settings/preferences' },
      { label: 'Users', href: '/settings/users' },
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

/** The navigation a role sees: only links it may open, groups left empty disappear. */
export function navFor(role: Role): NavGroup[] {
  const source = role === 'super_admin' ? SUPER_NAV : ORG_NAV;
  return source
    .map((group) => ({ ...group, links: group.links.filter((l) => canOpen(role, l.href)) }))
    .filter((group) => group.links.length > 0);
}
