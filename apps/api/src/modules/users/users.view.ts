import type { UserRow } from './users.repo';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** A user as the API shows it: never the hash, the failure count or who created it. */
export function toUserView(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    organizationId: row.organizationId,
    isActive: row.isActive,
    mustChangePassword: row.mustChangePassword,
    phone: row.phone,
    department: row.department,
    designation: row.designation,
    // Accounts are no longer locked as a whole, only a source out of one (README, "Sign-in lockout"): kept for clients.
    lockedUntil: null,
    lastLoginAt: isoOrNull(row.lastLoginAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export type UserView = ReturnType<typeof toUserView>;
