import type { VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { auditFields, type Actor } from '../../lib/actor';
import type { BusinessSettings } from '../organizations';
import { VOUCHER_RELATED_TYPE, voucherEmailTemplate, voucherEmailVariables } from './voucher-email';
import type { VoucherDeps } from './vouchers.deps';
import { markVoucherEmailQueued, type VoucherLineRow, type VoucherRow } from './vouchers.repo';

/**
 * Queues the voucher email through the outbox in the caller's transaction, records it on the
 * voucher (whose email status then follows delivery) and audits it.
 */
export async function queueVoucherEmail(
  deps: Pick<VoucherDeps, 'mail' | 'audit' | 'clock'>,
  tx: Executor,
  def: VoucherTypeDefinition,
  actor: Actor,
  settings: BusinessSettings,
  voucher: VoucherRow,
  lines: VoucherLineRow[],
  to: string,
): Promise<VoucherRow> {
  const { id } = await deps.mail.enqueue(tx, {
    template: voucherEmailTemplate(def),
    to,
    toName: voucher.partyName ?? undefined,
    variables: voucherEmailVariables(def, settings, voucher, lines),
    organizationId: actor.organizationId,
    relatedType: VOUCHER_RELATED_TYPE,
    relatedId: voucher.id,
  });
  const row = await markVoucherEmailQueued(tx, actor.organizationId, voucher.id, { to, messageId: id, at: deps.clock.now() });
  await deps.audit.record(tx, emailQueuedEvent(def, actor, voucher, to, id));
  return row;
}

export function emailQueuedEvent(
  def: VoucherTypeDefinition,
  actor: Actor,
  voucher: Pick<VoucherRow, 'id' | 'voucherNumber'>,
  to: string,
  emailId: string,
) {
  return {
    ...auditFields(actor),
    action: 'voucher.email_queued',
    targetType: 'voucher',
    targetId: voucher.id,
    details: { voucher_type: def.type, voucher_number: voucher.voucherNumber, to, email_id: emailId },
  };
}
