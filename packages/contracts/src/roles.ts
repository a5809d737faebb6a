// Plain data without Zod (a browser page that only shows a role's name does not load the validator);
// `roleSchema` is in roles.schema.ts.
export const ROLES = ['super_admin', 'org_admin', 'admin', 'standard_user'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to an organisation (everyone but the platform's super admin). */
export const ORG_ROLES = ['org_admin', 'admin', 'standard_user'] as const satisfies readonly Role[];
export const ORG_ADMIN_ROLES = ['org_admin', 'admin'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  super_admin: 'Super Admin',
  org_admin: 'Organisation Admin',
  admin: 'Admin',
  standard_user: 'Standard User',
};
