import type { Executor } from '../../db/client';
import type { Actor } from '../../lib/actor';
import type { VoucherView } from './vouchers.present';

/**
 * THE ONE PLACE THE BOOKS CHANGE (issue 15): what the party still owes on this voucher, which its
 * UPI QR asks for. There are no bills yet, so it is the grand total of an active voucher; once the
 * bills table records each invoice's outstanding amount, read it here (in the caller's
 * transaction, `tx`) and answer null when it is fully paid. Both the PDF and
 * `GET /vouchers/{type}/{id}/upi-payment` (the web page's QR) take the amount from here.
 */
export async function upiAmountDue(_tx: Executor, _actor: Actor, voucher: VoucherView): Promise<string | null> {
  if (voucher.status !== 'active') return null;
  return voucher.grandTotal !== '0.00' && !voucher.grandTotal.startsWith('-') ? voucher.grandTotal : null;
}
