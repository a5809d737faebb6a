import { z } from 'zod';
import { gstPeriodField } from '../gst-returns';
import type { VoucherTypeDefinition } from '../vouchers/definition';

/**
 * Filed GST periods (BOOKS.md, "Locking"; issue 16): an org admin marks a month's GSTR-1 filed
 * (and may unmark it, audited). Vouchers that the return reports (sales invoices and the notes
 * against invoices) dated in a filed month cannot be posted or cancelled: the correction is a
 * note dated in an open month.
 */

export const gstPeriodParams = z.object({ period: gstPeriodField });

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
