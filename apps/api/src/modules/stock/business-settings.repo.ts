import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations } from '../../db/schema';

/** What stock and vouchers need from the organisation: its GST identity and business settings. */
export const businessSettingsColumns = {
  name: organizations.name,
  legalName: organizations.legalName,
  gstin: organizations.gstin,
  pan: organizations.pan,
  addressLine1: organizations.addressLine1,
  addressLine2: organizations.addressLine2,
  city: organizations.city,
  state: organizations.state,
  pinCode: organizations.pinCode,
  stateCode: organizations.stateCode,
  phone: organizations.phone,
  email: organizations.email,
  allowNegativeStock: organizations.allowNegativeStock,
  salesPrefix: organizations.salesPrefix,
  purchasePrefix: organizations.purchasePrefix,
  dateFormat: organizations.dateFormat,
};

export async function getBusinessSettings(db: Executor, organizationId: string) {
  const [row] = await db.select(businessSettingsColumns).from(organizations).where(eq(organizations.id, organizationId));
  if (!row) throw new Error(`Organisation ${organizationId} not found`);
  return row;
}

export type BusinessSettings = Awaited<ReturnType<typeof getBusinessSettings>>;
