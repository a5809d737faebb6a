/**
 * The posting statement's one owner: other modules describe what to write (posting.types.ts) and
 * call `writePosting`; none of them sees SQL.
 */
export { PostingNotAppliedError, writePosting } from './posting.statement';
export type {
  AllocationWrite,
  AuditAppend,
  BillAllocationRowWrite,
  BillWrite,
  IdempotencyWrite,
  LedgerAccountRef,
  LedgerEntryWrite,
  LedgerWrite,
  OutboxWrite,
  Posting,
  PostingOptions,
  PostingResult,
  StockBalanceWrite,
  StockLedgerWrite,
  StockWrite,
  VoucherHeaderWrite,
  VoucherLedgerLineWrite,
  VoucherLineWrite,
} from './posting.types';
