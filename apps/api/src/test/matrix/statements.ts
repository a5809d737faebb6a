import { createCustomer } from '../business';
import type { TestApp } from '../harness';
import type { Actor, MatrixRow, MatrixWorld } from '../permission-matrix';

/**
 * What a party receives (issue 17): its statement of account, read by every organisation role as
 * the books are (a party of A asked for by B's org admin is a 404; the super admin reads no
 * organisation's books); emailing it to the party's own address is any member's.
 */
const membersOnA = (ok: number): Record<Actor, number> => ({
  anonymous: 401,
  standard_user: ok,
  admin: ok,
  other_org_admin: 404,
  org_admin: ok,
  super_admin: 403,
});

async function withCustomer(t: TestApp, w: MatrixWorld): Promise<void> {
  w.extra.party = (await createCustomer(t, w.a.user.token, { email: `party.${w.unique}@example.test` })).id;
}

export const statementsMatrix: MatrixRow[] = [
  {
    method: 'GET',
    route: '/api/v1/parties/:id/statement',
    setup: withCustomer,
    url: (w) => `/api/v1/parties/${w.extra.party}/statement`,
    expect: membersOnA(200),
  },
  {
    method: 'GET',
    route: '/api/v1/parties/:id/statement',
    case: 'pdf',
    setup: withCustomer,
    url: (w) => `/api/v1/parties/${w.extra.party}/statement?format=pdf`,
    expect: membersOnA(200),
  },
  {
    method: 'POST',
    route: '/api/v1/parties/:id/statement/email',
    setup: withCustomer,
    url: (w) => `/api/v1/parties/${w.extra.party}/statement/email`,
    body: () => ({}),
    expect: membersOnA(202),
  },
  {
    method: 'POST',
    route: '/api/v1/payment-reminders',
    setup: withCustomer,
    url: () => '/api/v1/payment-reminders',
    body: (w) => ({ party_ids: [w.extra.party] }),
    // B's org admin names A's customer: not one of its organisation's (422 naming party_ids.0).
    expect: { anonymous: 401, standard_user: 403, admin: 202, other_org_admin: 422, org_admin: 202, super_admin: 403 },
  },
];
