import type { VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import type { VoucherDeps } from './vouchers.deps';
import { presentVoucher, type VoucherView } from './vouchers.present';
import { findVoucherAllocations } from '../books';
import { findVoucher, findVoucherLedgerLines, findVoucherLines } from './vouchers.repo';

/** A voucher of this type with its lines, in the caller's transaction; 404 when it is not the organisation's. */
export async function loadVoucher(
  tx: Executor,
  def: VoucherTypeDefinition,
  actor: Pick<Actor, 'organizationId'>,
  id: string,
): Promise<VoucherView> {
  const org = actor.organizationId;
  const found = await findVoucher(tx, org, def.type, id);
  if (!found) throw notFound(def.label);
  const lines = def.lines === 'items' ? await findVoucherLines(tx, org, id) : [];
  const ledgerLines = def.lines === 'ledger' ? await findVoucherLedgerLines(tx, org, id) : undefined;
  const allocations = def.against ? await findVoucherAllocations(tx, org, id) : undefined;
  return presentVoucher(def, found.voucher, lines, found.createdByEmail, { names: found, ledgerLines, allocations });
}

export async function getVoucher(
  deps: Pick<VoucherDeps, 'sessions'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  id: string,
): Promise<VoucherView> {
  return deps.sessions.transaction((tx) => loadVoucher(tx, def, actor, id), tenantTx(actor, `voucher.${def.type}.get`, true));
}
