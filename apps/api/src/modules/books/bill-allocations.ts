import { dec, toMoney, ZERO, type Decimal } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { validationError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import type { AllocationWrite, BillAllocationRowWrite } from '../posting';

/**
 * Settling a party's bills (BOOKS.md, "Bills: outstanding and ageing"): a receipt, payment or note
 * is allocated to open bills of its party, each allocation within the bill's outstanding, the rest
 * on account (an allocation row with no bill) to be allocated later. Here the bills are locked and
 * the request checked; the rows and the outstanding changes are handed to the posting statement
 * (`writePosting({ allocations })`), which applies them with a guarded update.
 *
 * Locks: the bills, in id order, after the voucher's number series and before the audit chain (the
 * order every posting takes), so concurrent receipts, notes and allocations against one bill queue
 * instead of deadlocking, and each sees the outstanding the one before it left.
 */

export type BillSide = 'receivable' | 'payable';

export interface BillAllocationTarget {
  /** The bill, by id… */
  billId?: string;
  /** …or the bill an invoice is (a note is allocated to the invoice it returns against). */
  billOfVoucherId?: string;
  /** How much; left out: as much as the bill's outstanding and what is left to allocate allow. */
  amount?: string;
  /** Where a refusal points: `allocations.0` gives `allocations.0.bill_id` and `allocations.0.amount`. */
  field: string;
}

export interface AllocationRequest {
  /** The voucher whose amount settles the bills (a receipt, payment or note). */
  voucherId: string;
  partyId: string;
  /** The party's bills it may settle: receivables (receipt, credit note) or payables (payment, debit note). */
  side: BillSide;
  /**
   * What there is to allocate: `{ amount }`, a new voucher's figure, whose unallocated rest goes on
   * account; or `on_account`, what the voucher already holds on account (an advance), whose rows are
   * locked, released and replaced by the allocations and a new on-account row for what is left.
   */
  source: { kind: 'amount'; amount: string } | { kind: 'on_account' };
  targets: readonly BillAllocationTarget[];
  /**
   * The day the allocations count from (the voucher's date, or the day an advance is placed):
   * a bill dated after it is refused, as nothing can settle a bill before it is raised.
   */
  date: { value: string; label: string };
  now: Date;
  /** The day allocations to bills count from when not the voucher's date (an advance placed later: today). */
  allocatedOn?: string;
}

export interface AllocationPlan {
  /** For `writePosting({ allocations: { organizationId, write } })`. */
  write: AllocationWrite;
  /** Each target's bill and amount, in the order asked. */
  allocated: { billId: string; ref: string; amount: string }[];
  /** What stays on account after this. */
  onAccount: string;
}

interface LockedBill {
  id: string;
  party_id: string;
  side: string;
  voucher_id: string | null;
  ref: string;
  bill_date: string;
  outstanding: string;
  cancelled_at: Date | string | null;
}

/**
 * Locks the bills named (in id order), checks each allocation (the bill is the party's, on the
 * right side, not cancelled, dated on or before the day the allocation counts from; the amount within its outstanding, left by earlier allocations of the
 * same request, and within what there is to allocate) and answers the write for the posting
 * statement. Refusals are 422 naming `<field>.bill_id` or `<field>.amount` (or `allocations` for
 * the total). Call it in the transaction that then calls `writePosting`.
 */
export async function allocateToBills(tx: Executor, organizationId: string, request: AllocationRequest): Promise<AllocationPlan> {
  const byId = request.targets.flatMap((t) => (t.billId ? [t.billId] : []));
  const byVoucher = request.targets.flatMap((t) => (t.billOfVoucherId ? [t.billOfVoucherId] : []));
  const bills = await lockBills(tx, organizationId, byId, byVoucher);
  const releaseIds: string[] = [];
  let available: Decimal;
  if (request.source.kind === 'amount') {
    available = dec(request.source.amount);
  } else {
    const held = await lockOnAccount(tx, organizationId, request.voucherId);
    releaseIds.push(...held.map((h) => h.id));
    available = held.reduce((sum, h) => sum.plus(dec(h.amount)), ZERO);
  }

  let left = available;
  const taken = new Map<string, Decimal>();
  const allocated: AllocationPlan['allocated'] = [];
  for (const target of request.targets) {
    const billField = `${target.field}.bill_id`;
    const bill = target.billId
      ? bills.find((b) => b.id === target.billId)
      : bills.find((b) => b.voucher_id !== null && b.voucher_id === target.billOfVoucherId);
    if (!bill) throw validationError(billField, 'No bill with this id in your organisation');
    if (bill.party_id !== request.partyId) throw validationError(billField, `Bill ${bill.ref} is another party's`);
    if (bill.side !== request.side)
      throw validationError(billField, `Bill ${bill.ref} is a ${bill.side} bill; this settles ${request.side} bills`);
    if (bill.cancelled_at) throw validationError(billField, `Bill ${bill.ref} is cancelled`);
    if (bill.bill_date > request.date.value) {
      throw validationError(
        billField,
        `Bill ${bill.ref} is dated ${bill.bill_date}, after ${request.date.label} (${request.date.value}): a bill cannot be settled before it is raised`,
      );
    }
    const outstanding = dec(bill.outstanding).minus(taken.get(bill.id) ?? ZERO);
    const wanted = target.amount === undefined ? (outstanding.lt(left) ? outstanding : left) : dec(target.amount);
    if (target.amount === undefined && wanted.lte(ZERO)) continue;
    if (wanted.gt(outstanding)) {
      throw validationError(
        `${target.field}.amount`,
        `${toMoney(wanted)} is more than bill ${bill.ref}'s outstanding ${toMoney(outstanding)}`,
      );
    }
    if (wanted.gt(left)) {
      const what = request.source.kind === 'amount' ? 'the amount' : 'what is on account';
      throw validationError('allocations', `allocate more than ${what} (${toMoney(available)})`);
    }
    left = left.minus(wanted);
    taken.set(bill.id, (taken.get(bill.id) ?? ZERO).plus(wanted));
    allocated.push({ billId: bill.id, ref: bill.ref, amount: toMoney(wanted) });
  }
  if (request.source.kind === 'on_account' && available.eq(ZERO)) {
    throw validationError('allocations', 'Nothing of this voucher is on account: it is allocated in full');
  }

  const row = (billId: string | null, amount: string): BillAllocationRowWrite => ({
    id: newId(),
    organizationId,
    partyId: request.partyId,
    billId,
    voucherId: request.voucherId,
    amount,
    allocatedOn: billId ? (request.allocatedOn ?? null) : null,
    createdAt: request.now,
  });
  const rows = allocated.map((a) => row(a.billId, a.amount));
  if (left.gt(ZERO)) rows.push(row(null, toMoney(left)));
  const perBill = [...taken].filter(([, amount]) => amount.gt(ZERO)).map(([billId, amount]) => ({ billId, amount: toMoney(amount) }));
  return {
    write: { kind: 'allocate', rows, bills: perBill, releaseIds, at: request.now },
    allocated,
    onAccount: toMoney(left),
  };
}

/** The guarded update lowered fewer bills than planned: only possible if the locks were bypassed; never written half. */
export function assertAllocationsApplied(plan: AllocationPlan, result: { allocatedBills: number; releasedAllocations: number }): void {
  if (plan.write.kind !== 'allocate') return;
  if (result.allocatedBills !== plan.write.bills.length || result.releasedAllocations !== plan.write.releaseIds.length) {
    throw new Error(
      `Allocation not applied as planned: ${result.allocatedBills}/${plan.write.bills.length} bills, ` +
        `${result.releasedAllocations}/${plan.write.releaseIds.length} on-account rows`,
    );
  }
}

async function lockBills(
  tx: Executor,
  organizationId: string,
  ids: readonly string[],
  voucherIds: readonly string[],
): Promise<LockedBill[]> {
  if (ids.length === 0 && voucherIds.length === 0) return [];
  const idList =
    ids.length > 0
      ? sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )
      : sql`NULL::uuid`;
  const voucherList =
    voucherIds.length > 0
      ? sql.join(
          voucherIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )
      : sql`NULL::uuid`;
  return queryRows<LockedBill>(
    tx,
    sql`SELECT id, party_id, side, voucher_id, ref, bill_date::text AS bill_date, outstanding, cancelled_at
          FROM bills
         WHERE organization_id = ${organizationId}::uuid AND (id IN (${idList}) OR voucher_id IN (${voucherList}))
         ORDER BY id
           FOR UPDATE`,
  );
}

async function lockOnAccount(tx: Executor, organizationId: string, voucherId: string): Promise<{ id: string; amount: string }[]> {
  return queryRows<{ id: string; amount: string }>(
    tx,
    sql`SELECT id, amount FROM bill_allocations
         WHERE organization_id = ${organizationId}::uuid AND voucher_id = ${voucherId}::uuid AND bill_id IS NULL AND released_at IS NULL
         ORDER BY id
           FOR UPDATE`,
  );
}

/**
 * Locks, in id order, the bills a voucher's live allocations settle: a cancellation takes them
 * before its posting statement gives their amounts back (the order every allocation takes).
 */
export async function lockAllocatedBills(tx: Executor, organizationId: string, voucherId: string): Promise<void> {
  await queryRows(
    tx,
    sql`SELECT b.id FROM bills b
         WHERE b.organization_id = ${organizationId}::uuid
           AND b.id IN (SELECT a.bill_id FROM bill_allocations a
                         WHERE a.organization_id = ${organizationId}::uuid AND a.voucher_id = ${voucherId}::uuid AND a.released_at IS NULL)
         ORDER BY b.id
           FOR UPDATE OF b`,
  );
}

export interface VoucherAllocationRow {
  id: string;
  billId: string | null;
  billRef: string | null;
  billDate: string | null;
  billVoucherId: string | null;
  amount: string;
  createdAt: Date;
}

/** A voucher's live allocations, to bills (by bill date) and on account (no bill). */
export async function findVoucherAllocations(db: Executor, organizationId: string, voucherId: string): Promise<VoucherAllocationRow[]> {
  const rows = await queryRows<{
    id: string;
    bill_id: string | null;
    ref: string | null;
    bill_date: string | null;
    bill_voucher_id: string | null;
    amount: string;
    created_at: Date | string;
  }>(
    db,
    sql`SELECT a.id, a.bill_id, b.ref, b.bill_date::text AS bill_date, b.voucher_id AS bill_voucher_id, a.amount, a.created_at
          FROM bill_allocations a
          LEFT JOIN bills b ON b.organization_id = a.organization_id AND b.id = a.bill_id
         WHERE a.organization_id = ${organizationId}::uuid AND a.voucher_id = ${voucherId}::uuid AND a.released_at IS NULL
         ORDER BY b.bill_date NULLS LAST, b.ref, a.created_at, a.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    billId: r.bill_id,
    billRef: r.ref,
    billDate: r.bill_date,
    billVoucherId: r.bill_voucher_id,
    amount: r.amount,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
  }));
}
