import type { Executor } from '../../db/client';
import type { VoucherDeps } from './vouchers.deps';
import { recordVoucherEmailOutcome } from './vouchers.repo';

/** Called by the email module, in its transaction, when a queued voucher email is delivered or finally fails. */
export async function recordEmailOutcome(
  deps: Pick<VoucherDeps, 'clock'>,
  tx: Executor,
  voucherId: string,
  messageId: string,
  outcome: { sent: boolean; error: string | null },
) {
  return recordVoucherEmailOutcome(tx, voucherId, messageId, {
    status: outcome.sent ? 'sent' : 'failed',
    error: outcome.sent ? null : outcome.error,
    at: deps.clock.now(),
  });
}
