import type { Actor, MatrixRow } from '../permission-matrix';

/** Data in and out (issue 18): imports and the organisation's data export are for admins and org admins of the organisation; a standard user and the super admin may not. */
const admins = (ok: number): Record<Actor, number> => ({
  anonymous: 401,
  standard_user: 403,
  admin: ok,
  other_org_admin: ok,
  org_admin: ok,
  super_admin: 403,
});

const csv = (rows: string) => Buffer.from(`Name,Unit,Rate,GST %\n${rows}`).toString('base64');

export const importsMatrix: MatrixRow[] = [
  {
    method: 'POST',
    route: '/api/v1/imports/:kind',
    url: () => '/api/v1/imports/products',
    body: () => ({ file_name: 'products.csv', content_base64: csv('Bolt,PCS,10,18\n'), dry_run: true }),
    expect: admins(200),
  },
  {
    method: 'POST',
    route: '/api/v1/imports/:kind',
    case: 'opening bills',
    url: () => '/api/v1/imports/opening_bills',
    body: () => ({
      file_name: 'bills.csv',
      content_base64: Buffer.from('Party,Reference,Date,Amount\nNobody,B-1,2000-03-01,10\n').toString('base64'),
      dry_run: true,
    }),
    expect: admins(200),
  },
  {
    method: 'GET',
    route: '/api/v1/organization/data-export',
    url: () => '/api/v1/organization/data-export',
    expect: admins(200),
  },
  {
    method: 'GET',
    route: '/api/v1/organization/tally-export',
    url: () => '/api/v1/organization/tally-export?from=2025-04-01&to=2026-03-31',
    expect: admins(200),
  },
  {
    method: 'GET',
    route: '/api/v1/imports/:kind/template',
    url: () => '/api/v1/imports/customers/template?format=csv',
    expect: admins(200),
  },
];
