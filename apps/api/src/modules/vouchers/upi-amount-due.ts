import { dec } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { findVoucherBillOutstanding } from '../books';
import type { VoucherView } from './vouchers.present';

/**
 * What the party still owes on this voucher, which its UPI QR asks for: the outstanding amount of
 * its bill (the grand total less what receipts and notes have settled), read in the caller's
 * transaction; null for a cancelled voucher, a voucher without a bill, or one fully paid. Both the
 * PDF and `GET /vouchers/{type}/{id}/upi-payment` (the web page's QR) take the amount from here.
 */
export async function upiAmountDue(tx: Executor, actor: Pick<Actor, 'organizationId'>, voucher: VoucherView): Promise<string | null> {
  if (voucher.status !== 'active') return null;
  const outstanding = await findVoucherBillOutstanding(tx, actor.organizationId, voucher.id);
  return outstanding !== null && dec(outstanding).gt('0') ? dec(outstanding).toFixed(2) : null;
}
