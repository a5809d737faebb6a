import { tenantTx, type Actor } from '../../lib/actor';
import { upiQrSvg } from '../documents';
import { loadPrintable, type PrintableType } from './get-voucher-pdf';
import { upiLinkFor } from './voucher-document';
import type { VoucherDeps } from './vouchers.deps';

/** The UPI link the voucher's PDF prints as a QR, for the web page to show the same QR. */
export async function getUpiPayment(deps: Pick<VoucherDeps, 'sessions'>, def: PrintableType, actor: Actor, id: string) {
  const { voucher, org, amountDue } = await deps.sessions.transaction(
    (tx) => loadPrintable(tx, def, actor, id),
    tenantTx(actor, `voucher.${def.type}.upi`, true),
  );
  if (voucher.status !== 'active') return { uri: null, amount: null, qrSvg: null, reason: 'cancelled' as const };
  if (!amountDue) return { uri: null, amount: null, qrSvg: null, reason: 'nothing_due' as const };
  const uri = upiLinkFor(org, voucher, amountDue);
  if (!uri) return { uri: null, amount: null, qrSvg: null, reason: 'no_upi_id' as const };
  return { uri, amount: amountDue, qrSvg: await upiQrSvg(uri), reason: null };
}
