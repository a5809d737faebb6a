import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { isUuid } from '../../lib/ids';
import { voucherEmailAttachments } from './get-voucher-pdf';
import { recordEmailOutcome } from './record-email-outcome';
import { VOUCHER_RELATED_TYPE } from './voucher-email';
import { servedVoucherTypes } from './voucher-types';
import { registerVoucherRoutes } from './vouchers.routes';

/**
 * The voucher engine: every registered voucher type (packages/contracts, `registerVoucherType`)
 * gets its routes, numbering, stock movements, email and audit from the same use cases.
 */
export function registerVoucherModule(api: FastifyInstance, deps: AppDeps): void {
  const vouchers = { sessions: deps.sessions, audit: deps.audit, clock: deps.clock, mail: deps.email };
  // A queued voucher email's final outcome sets the voucher's email_status, in the transaction
  // that records the outcome.
  deps.email.registerOutcomeHandler(VOUCHER_RELATED_TYPE, async (tx, outcome) => {
    if (!outcome.relatedId || !isUuid(outcome.relatedId)) return;
    await recordEmailOutcome(vouchers, tx, outcome.relatedId, outcome.emailId, { sent: outcome.status === 'sent', error: outcome.error });
  });
  deps.email.registerAttachments(VOUCHER_RELATED_TYPE, (request) => voucherEmailAttachments(vouchers, request));
  registerVoucherRoutes(api, deps, vouchers, servedVoucherTypes());
}

export { engineSupportProblems, servedVoucherTypes } from './voucher-types';
export { organizationDocumentAddress, partyDocumentAddress } from './voucher-document';
export { loadVoucherPdf } from './get-voucher-pdf';
