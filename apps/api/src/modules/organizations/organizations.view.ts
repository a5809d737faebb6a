import { toIso } from '../../lib/cursor';
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
    bankName: row.bankName,
    bankAccountNumber: row.bankAccountNumber,
    bankIfsc: row.bankIfsc,
    bankBranch: row.bankBranch,
    upiId: row.upiId,
    invoiceTerms: row.invoiceTerms,
    financialYearStart: '04-01' as const,
    updatedAt: toIso(row.updatedAt)!,
  };
}

export function toOrganizationView(row: OrganizationRow, activeUsers: number) {
  return {
    ...toProfileView(row),
    status: row.status,
    maxUsers: row.maxUsers,
    activeUsers: Number(activeUsers),
    suspendedAt: toIso(row.suspendedAt),
    suspendedReason: row.suspendedReason,
    createdAt: toIso(row.createdAt)!,
  };
}

/** The settings with each voucher type's current prefix (and the two deprecated aliases of the built-in ones). */
export function toSettingsView(row: OrganizationRow, prefixes: Record<string, string>) {
  return {
    allowNegativeStock: row.allowNegativeStock,
    voucherPrefixes: prefixes,
    salesPrefix: prefixes.sales ?? 'SV',
    purchasePrefix: prefixes.purchase ?? 'PV',
    dateFormat: row.dateFormat as 'DD/MM/YYYY' | 'DD-MM-YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY',
    booksStartDate: row.booksStartDate,
    maxDaysAhead: row.maxDaysAhead,
    booksLockedUntil: row.booksLockedUntil,
    turnoverAboveFiveCrore: row.turnoverAboveFiveCrore,
    paymentRemindersEnabled: row.paymentRemindersEnabled,
    paymentReminderAfterDays: row.paymentReminderAfterDays,
    paymentReminderEveryDays: row.paymentReminderEveryDays,
    shareLinksEnabled: row.shareLinksEnabled,
  };
}
