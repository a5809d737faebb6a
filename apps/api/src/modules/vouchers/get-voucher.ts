import type { VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import type { VoucherDeps } from './vouchers.deps';
import { presentVoucher, type VoucherView } from './vouchers.present';
import { findVoucher, findVoucherLines } from './vouchers.repo';

/** A voucher of this type with its lines, in the caller's transaction; 404 when it is not the organisation's. */
export async function loadVoucher(
  tx: Executor,
  def: VoucherTypeDefinition,
  actor: Pick<Actor, 'organizationId'>,
  id: string,
): Promise<VoucherView> {
  const found = await findVoucher(tx, actor.organizationId, def.type, id);
  if (!found) throw notFound(def.label);
  const lines = await findVoucherLines(tx, actor.organizationId, id);
  return presentVoucher(def, found.voucher, lines, found.createdByEmail);
}

export async function getVoucher(
  deps: Pick<VoucherDeps, 'sessions'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  id: string,
): Promise<VoucherView> {
  return deps.sessions.transaction((tx) => loadVoucher(tx, def, actor, id), tenantTx(actor, `voucher.${def.type}.get`, true));
}
