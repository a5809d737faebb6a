import { iso, isoOrNull } from '../users/users.view';
import type { OrganizationRow } from './organizations.repo';

export function toProfileView(row: OrganizationRow) {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    gstin: row.gstin,
    pan: row.pan,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    state: row.state,
    pinCode: row.pinCode,
    stateCode: row.stateCode,
    phone: row.phone,
    email: row.email,
    financialYearStart: '04-01' as const,
    updatedAt: iso(row.updatedAt),
  };
}

export function toOrganizationView(row: OrganizationRow, activeUsers: number) {
  return {
    ...toProfileView(row),
    status: row.status,
    maxUsers: row.maxUsers,
    activeUsers: Number(activeUsers),
    suspendedAt: isoOrNull(row.suspendedAt),
    suspendedReason: row.suspendedReason,
    createdAt: iso(row.createdAt),
  };
}

export function toSettingsView(row: OrganizationRow) {
  return {
    allowNegativeStock: row.allowNegativeStock,
    salesPrefix: row.salesPrefix,
    purchasePrefix: row.purchasePrefix,
    dateFormat: row.dateFormat as 'DD/MM/YYYY' | 'DD-MM-YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY',
  };
}
