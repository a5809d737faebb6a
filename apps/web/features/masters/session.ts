'use client';

import { ORG_ADMIN_ROLES, type Role } from '@tritiq/contracts';

/** Whether the signed-in user may use admin-only actions (deactivate, delete, adjust stock, cancel). */
export function isAdminRole(role: Role | null | undefined): boolean {
  return role != null && (ORG_ADMIN_ROLES as readonly Role[]).includes(role);
}

export { useCurrentRole } from './current-role';
