/**
 * The books of account (BOOKS.md): the chart of accounts, what each voucher writes to the ledgers
 * and bills (handed to the posting statement as data), and the party ledgers kept with the parties.
 * Below the organisations, parties and vouchers modules, which call it; it imports none of them.
 */
export {
  findOpenBills,
  findVoucherBillOutstanding,
  insertPartyLedger,
  lockBillAllocations,
  seedDefaultBooks,
  updatePartyLedger,
  type OpenBillRow,
} from './books.repo';
export { findBillAllocations, presentBillAllocations, type BillAllocationView } from './bill-allocation-views';
export { voucherBillWrite, voucherLedgerWrite, type VoucherForBooks } from './voucher-books';
export {
  allocateToBills,
  assertAllocationsApplied,
  findVoucherAllocations,
  lockAllocatedBills,
  type AllocationPlan,
  type AllocationRequest,
  type BillAllocationTarget,
  type BillSide,
  type VoucherAllocationRow,
} from './bill-allocations';
export { isCashOrBank, resolveVoucherLedgers, type LedgerReference, type NamedLedger } from './voucher-ledgers';
