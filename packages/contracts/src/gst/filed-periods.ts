import { z } from 'zod';
import type { VoucherTypeDefinition } from '../vouchers/definition';

/**
 * Filed GST periods (BOOKS.md, "Locking"; issue 16): an org admin marks a month's GSTR-1 filed
 * (and may unmark it, audited). Vouchers that the return reports (sales invoices and the notes
 * against invoices) dated in a filed month cannot be posted or cancelled: the correction is a
 * note dated in an open month.
 */

/** `YYYY-MM`: a month, as the period routes name it. */
export const GST_PERIOD_RE = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export const gstPeriodParams = z.object({
  period: z
    .string()
    .regex(GST_PERIOD_RE, { message: 'must be a month as YYYY-MM (e.g. 2025-06)' })
    .refine((p) => p >= '2000-01' && p <= '2098-12', { message: 'must be a month from 2000-01 to 2098-12' }),
});

export const gstFiledPeriodSchema = z
  .object({
    period: z.string().meta({ description: 'YYYY-MM' }),
    filed_at: z.string().meta({ description: 'When it was marked filed' }),
    filed_by: z.uuid().nullable(),
    filed_by_email: z.string().nullable(),
  })
  .meta({ id: 'GstFiledPeriod' });

export const gstFiledPeriodListSchema = z
  .object({ items: z.array(gstFiledPeriodSchema).meta({ description: 'Every filed month, newest first' }) })
  .meta({ id: 'GstFiledPeriodList' });

/** The month (`YYYY-MM`) of a `YYYY-MM-DD` date. */
export function gstPeriodOf(date: string): string {
  return date.slice(0, 7);
}

/** Whether vouchers of this type are reported in GSTR-1 and so frozen in a filed month: outward supplies (sales) and notes. */
export function lockedByGstFiling(def: Pick<VoucherTypeDefinition, 'supplyRule' | 'against'>): boolean {
  return def.supplyRule === 'organization_supplies' || def.against?.purpose === 'return';
}

export const gstPeriodUnfiledSchema = z
  .object({ period: z.string(), filed: z.literal(false) })
  .meta({ id: 'GstPeriodUnfiled', description: 'The month is open again' });
