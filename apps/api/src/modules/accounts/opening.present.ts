import { daysBetween, dec, roundHalfUp, toMoney, ZERO } from '@tritiq/contracts';
import { presentBillAllocations, type BillAllocationView } from '../books';
import type { BillRow, OpeningStockRow } from './opening.repo';

/** An opening bill as the bills of a party read (`Bill` of the contracts): status and overdue as on `today`. */
export function presentOpeningBill(bill: BillRow, allocations: readonly BillAllocationView[], today: string) {
  const amount = dec(bill.amount);
  const outstanding = dec(bill.outstanding);
  const status = bill.cancelledAt
    ? ('cancelled' as const)
    : outstanding.eq(ZERO)
      ? ('paid' as const)
      : outstanding.eq(amount)
        ? ('unpaid' as const)
        : ('partly_paid' as const);
  const late = daysBetween(bill.dueDate, today);
  const overdue = (status === 'unpaid' || status === 'partly_paid') && late > 0;
  return {
    id: bill.id,
    partyId: bill.partyId,
    side: bill.side,
    ref: bill.ref,
    isOpening: true,
    voucherId: null,
    voucherType: null,
    voucherNumber: null,
    date: bill.billDate,
    dueDate: bill.dueDate,
    amount: bill.amount,
    allocated: toMoney(amount.minus(outstanding)),
    outstanding: bill.outstanding,
    status,
    overdue,
    daysOverdue: overdue ? late : 0,
    allocations: presentBillAllocations(allocations, bill.id),
  };
}

export type OpeningBillView = ReturnType<typeof presentOpeningBill>;

/** A product's opening stock: quantity × rate to the paisa (half-up); no rate without a quantity. */
export function presentOpeningStock(row: OpeningStockRow, date: string) {
  const quantity = dec(row.quantity);
  const rate = quantity.eq(ZERO) ? ZERO : dec(row.rate);
  return {
    productId: row.productId,
    productName: row.productName,
    unit: row.unit,
    date,
    quantity: row.quantity,
    rate: rate.toFixed(4),
    value: toMoney(roundHalfUp(quantity.times(rate), 2)),
  };
}

export type OpeningStockView = ReturnType<typeof presentOpeningStock>;
