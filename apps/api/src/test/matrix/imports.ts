import type { Actor, MatrixRow } from '../permission-matrix';

/** Imports (issue 18): admins and org admins of the organisation; a standard user and the super admin may not. */
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
    method: 'GET',
    route: '/api/v1/imports/:kind/template',
    url: () => '/api/v1/imports/customers/template?format=csv',
    expect: admins(200),
  },
];
