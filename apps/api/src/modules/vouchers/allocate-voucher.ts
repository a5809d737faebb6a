import { indianDate, type VoucherTypeDefinition } from '@tritiq/contracts';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound, validationError } from '../../lib/app-error';
import { allocateToBills, assertAllocationsApplied } from '../books';
import { writePosting } from '../posting';
import { loadVoucher } from './get-voucher';
import { settledSide } from './voucher-types';
import type { VoucherDeps } from './vouchers.deps';
import type { VoucherView } from './vouchers.present';
import { findVoucher } from './vouchers.repo';

/**
 * Allocates what a receipt or payment holds on account (an advance) to open bills of its party
 * (BOOKS.md, "Bills"): each within the bill's outstanding, together within what is on account; the
 * rest stays on account. The voucher is locked first (a cancellation of it waits, and so does a
 * second allocation), then its bills in id order; the rows change in one posting with the audit
 * event. It moves no ledger entry: the party's ledger was credited when the money came in.
 */
export async function allocateVoucher(
  deps: Pick<VoucherDeps, 'sessions' | 'audit' | 'clock'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  id: string,
  allocations: readonly { billId: string; amount: string }[],
): Promise<VoucherView> {
  const side = settledSide(def);
  if (!side) throw new Error(`Voucher type "${def.type}" settles no bills`);
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const found = await findVoucher(tx, org, def.type, id, true);
      if (!found) throw notFound(def.label);
      const voucher = found.voucher;
      if (voucher.status === 'cancelled') {
        throw new AppError('ALREADY_CANCELLED', `${def.label} ${voucher.voucherNumber} is cancelled: it has nothing to allocate`);
      }
      if (!voucher.partyId) {
        throw validationError('allocations', `${def.label} ${voucher.voucherNumber} names no ${def.party!.kind}: it settles no bills`);
      }
      const now = deps.clock.now();
      // Placed today: the outstanding as on an earlier day still counts the bill unpaid by it.
      const allocatedOn = indianDate(now) > voucher.voucherDate ? indianDate(now) : undefined;
      const plan = await allocateToBills(tx, org, {
        voucherId: id,
        partyId: voucher.partyId,
        side,
        source: { kind: 'on_account' },
        targets: allocations.map((a, i) => ({ billId: a.billId, amount: a.amount, field: `allocations.${i}` })),
        date: allocatedOn
          ? { value: allocatedOn, label: 'today, the day this allocation counts from' }
          : { value: voucher.voucherDate, label: `the ${def.label.toLowerCase()}'s date` },
        now,
        allocatedOn,
      });
      const event = {
        ...auditFields(actor),
        action: 'voucher.allocated',
        targetType: 'voucher',
        targetId: id,
        details: {
          voucher_type: def.type,
          voucher_number: voucher.voucherNumber,
          party_id: voucher.partyId,
          allocated: plan.allocated,
          on_account: plan.onAccount,
        },
      };
      const posted = await writePosting(tx, {
        allocations: { organizationId: org, write: plan.write },
        audit: deps.audit.prepare(event),
      });
      assertAllocationsApplied(plan, posted);
      if (!posted.audited) await deps.audit.record(tx, event);
      return loadVoucher(tx, def, actor, id);
    },
    tenantTx(actor, `voucher.${def.type}.allocate`),
  );
}
