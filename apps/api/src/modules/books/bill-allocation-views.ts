import { dec, toMoney } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

/** One allocation to a bill, live or released, with the voucher that made it (a bill's read). */
export interface BillAllocationView {
  id: string;
  billId: string;
  voucherId: string;
  voucherType: string;
  voucherNumber: string;
  /** The day it counts from: the day it was placed (an advance allocated later), else its voucher's date. */
  date: string;
  amount: string;
  released: boolean;
}

/** Every allocation to these bills, released ones too, in the order they count (by day, then as placed). */
export async function findBillAllocations(db: Executor, organizationId: string, billIds: readonly string[]): Promise<BillAllocationView[]> {
  if (billIds.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    bill_id: string;
    voucher_id: string;
    voucher_type: string;
    voucher_number: string;
    date: string;
    amount: string;
    released: boolean;
  }>(
    db,
    sql`SELECT a.id, a.bill_id, a.voucher_id, v.voucher_type, v.voucher_number,
               coalesce(a.allocated_on, v.voucher_date)::text AS date, a.amount, a.released_at IS NOT NULL AS released
          FROM bill_allocations a
          JOIN vouchers v ON v.id = a.voucher_id
         WHERE a.organization_id = ${organizationId}::uuid
           AND a.bill_id IN (${sql.join(
             billIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
         ORDER BY coalesce(a.allocated_on, v.voucher_date), a.created_at, a.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    billId: r.bill_id,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    voucherNumber: r.voucher_number,
    date: r.date,
    amount: r.amount,
    released: r.released,
  }));
}

/** A bill's allocations as the Bill schema answers them (`allocations` of packages/contracts books.ts). */
export function presentBillAllocations(allocations: readonly BillAllocationView[], billId: string) {
  return allocations
    .filter((a) => a.billId === billId)
    .map((a) => ({
      id: a.id,
      voucherId: a.voucherId,
      voucherType: a.voucherType,
      voucherNumber: a.voucherNumber,
      date: a.date,
      amount: toMoney(dec(a.amount)),
      released: a.released,
    }));
}
