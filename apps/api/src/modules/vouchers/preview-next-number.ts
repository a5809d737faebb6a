import { indianDate, type VoucherTypeDefinition } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { previewVoucherNumber } from '../numbering';
import type { VoucherDeps } from './vouchers.deps';

/** The number the next voucher of this type dated `date` (today in India by default) would get. */
export async function previewNextNumber(
  deps: Pick<VoucherDeps, 'sessions' | 'clock'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  date: string | undefined,
) {
  const day = date ?? indianDate(deps.clock.now());
  const next = await deps.sessions.transaction(
    (tx) => previewVoucherNumber(tx, actor.organizationId, def, day),
    tenantTx(actor, `voucher.${def.type}.next-number`, true),
  );
  return {
    voucherType: def.type,
    date: day,
    fiscalYear: next.fiscalYear,
    voucherNumber: next.voucherNumber,
    note: 'A preview: the number is given when the voucher is saved and may differ if someone saves one first.',
  };
}
