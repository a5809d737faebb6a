import type { Role } from '@tritiq/contracts';

/**
 * Who may manage (create, edit, deactivate) users of which role, inside one organisation
 * (DOMAIN.md "Roles"): an org admin manages everyone, an admin manages standard users, a standard
 * user manages nobody but edits their own profile. Nobody raises their own role.
 */
const MANAGES: Record<Role, readonly Role[]> = {
  super_admin: [],
  org_admin: ['org_admin', 'admin', 'standard_user'],
  admin: ['standard_user'],
  standard_user: [],
};

export function canManageRole(actor: Role, target: Role): boolean {
  return MANAGES[actor].includes(target);
}

/** Fields a user may change on their own record. */
export const SELF_EDITABLE = ['fullName', 'phone', 'department', 'designation'] as const;
