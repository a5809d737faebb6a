import { ROLES } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { canManageRole } from './users.policy';

describe('who manages whom (DOMAIN.md "Roles")', () => {
  it('follows the table exactly', () => {
    const table = Object.fromEntries(ROLES.map((actor) => [actor, ROLES.filter((target) => canManageRole(actor, target))]));
    expect(table).toEqual({
      super_admin: [],
      org_admin: ['org_admin', 'admin', 'standard_user'],
      admin: ['standard_user'],
      standard_user: [],
    });
  });

  it('nobody manages a super admin through the organisation routes', () => {
    for (const actor of ROLES) expect(canManageRole(actor, 'super_admin')).toBe(false);
  });
});
