import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { isUuid } from '../../lib/ids';
import { VOUCHER_RELATED_TYPE } from './voucher-email';
import { registerVoucherRoutes } from './vouchers.routes';
import { createVoucherService } from './vouchers.service';

export function registerVoucherModule(api: FastifyInstance, deps: AppDeps): void {
  const vouchers = createVoucherService({ sessions: deps.sessions, audit: deps.audit, clock: deps.clock, mail: deps.email });
  // A queued voucher email's final outcome sets the voucher's email_status, in the transaction
  // that records the outcome.
  deps.email.registerOutcomeHandler(VOUCHER_RELATED_TYPE, async (tx, outcome) => {
    if (!outcome.relatedId || !isUuid(outcome.relatedId)) return;
    await vouchers.recordEmailOutcome(tx, outcome.relatedId, outcome.emailId, { sent: outcome.status === 'sent', error: outcome.error });
  });
  registerVoucherRoutes(api, deps, vouchers);
}
