import type { billAllocations, bills, emailMessages, stockLedger, voucherLedgerLines, voucherLines, vouchers } from '../../db/schema';

/**
 * What a posting writes, as data. The modules that know each part hand it over in these shapes
 * (stock its balance changes and ledger rows, audit its hashed event, vouchers the header and
 * lines); only this module turns them into SQL, so no other module knows how the statement is
 * put together (issue 13, "The posting statement has one owner").
 */

export type VoucherHeaderWrite = typeof vouchers.$inferInsert & { id: string; createdAt: Date };
export type VoucherLineWrite = typeof voucherLines.$inferInsert & { id: string };
/** A journal's or contra's own line (debit positive). */
export type VoucherLedgerLineWrite = typeof voucherLedgerLines.$inferInsert;
export type BillAllocationRowWrite = typeof billAllocations.$inferInsert & { id: string };
export type StockLedgerWrite = typeof stockLedger.$inferInsert;

/** One product's balance change: applied only when it leaves stock at zero or above (unless allowed). */
export interface StockBalanceWrite {
  productId: string;
  /** Signed quantity, three decimals. */
  delta: string;
  /** The product's ledger sequence after this posting's movements. */
  ledgerSeq: number;
  /** Weighted average cost and stock value after this posting's movements (the row is locked: they are exact). */
  averageCost: string;
  value: string;
  /** The change of value: what the product's stock value day total moves by. */
  valueDelta: string;
}

export interface StockWrite {
  balances: readonly StockBalanceWrite[];
  ledger: readonly StockLedgerWrite[];
  /** The date of the movements (every ledger row of one posting has it): the day their value totals go to. */
  date: string;
  allowNegative: boolean;
  now: Date;
}

/** An audit event ready to be chained: its canonical text is what the chain's hash covers. */
export interface AuditAppend {
  id: string;
  chainKey: string;
  /** The canonical payload: the new hash is sha256(previous hash || text). */
  text: string;
  occurredAt: Date;
  organizationId: string | null;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  details: Record<string, unknown>;
}

/** The ledger an entry goes to: a default ledger by its system key, a party's ledger, or a ledger by id. */
export type LedgerAccountRef = { systemKey: string } | { partyId: string } | { ledgerId: string };

export interface LedgerEntryWrite {
  account: LedgerAccountRef;
  /** Debit positive, credit negative, two decimals, never zero. */
  amount: string;
}

/**
 * A voucher's double entry: its entries (numbered in order, dated the voucher's date), or, when it
 * is cancelled, the exact reverse of the entries it posted (same ledgers, same date, amounts
 * negated). Either way the ledgers' day totals move with them in the same statement.
 */
export type LedgerWrite =
  { kind: 'entries'; voucherId: string; date: string; entries: readonly LedgerEntryWrite[] } | { kind: 'reverse'; voucherId: string };

/** An invoice's bill, written with it; or, when the invoice is cancelled, its bill marked so. */
export type BillWrite =
  { kind: 'insert'; row: typeof bills.$inferInsert & { id: string } } | { kind: 'cancel'; voucherId: string; at: Date };

/**
 * Bills settled, or their settlement undone. `allocate`: the allocation rows (to bills, or on
 * account with no bill) inserted, each bill's outstanding lowered by a guarded update that leaves
 * alone a bill it would take below zero or that is cancelled (the caller locked the bills and
 * checked; `allocatedBills` counts what changed), and the on-account rows it replaces released.
 * `release`: every live allocation of the voucher released and its amount given back to its bill
 * (the voucher is cancelled).
 */
export type AllocationWrite =
  | {
      kind: 'allocate';
      rows: readonly BillAllocationRowWrite[];
      bills: readonly { billId: string; amount: string }[];
      releaseIds: readonly string[];
      at: Date;
    }
  | { kind: 'release'; voucherId: string; at: Date };

/** A queued email's outbox row (its delivery job is queued after the posting, in the same transaction). */
export type OutboxWrite = typeof emailMessages.$inferInsert & { id: string };

/** The request's idempotency key (claimed earlier in the transaction) pointed at the voucher it made. */
export interface IdempotencyWrite {
  organizationId: string;
  scope: string;
  key: string;
  voucherId: string;
}

export interface Posting {
  voucher?: { header: VoucherHeaderWrite; lines: readonly VoucherLineWrite[]; ledgerLines?: readonly VoucherLedgerLineWrite[] };
  outbox?: OutboxWrite;
  /** Balance changes scoped to this organisation; omitted (or with no balances) when nothing moves. */
  stock?: { organizationId: string; write: StockWrite };
  /** The ledger entries (or their reversal) of this organisation's voucher. */
  ledger?: { organizationId: string; write: LedgerWrite };
  bill?: { organizationId: string; write: BillWrite };
  allocations?: { organizationId: string; write: AllocationWrite };
  idempotency?: IdempotencyWrite;
  audit: AuditAppend;
}

export interface PostingOptions {
  /**
   * This is the transaction's last statement: commit with it (COMMIT sent behind it in the same
   * write, db/raw.ts `rawRowsThenCommit`) when that can be done safely: on the PostgreSQL server,
   * with the audit chain known to have its head. The statement then checks what the caller would
   * have checked in its answer (every stock balance applied, the audit event appended) and fails
   * otherwise. `PostingResult.committed` says which way it went; when it did not commit, the
   * caller goes on as without this option.
   */
  commit?: boolean;
}

export interface PostingResult {
  /** How many stock balances the guarded update changed: fewer than planned means stock ran out meanwhile. */
  stockUpdated: number;
  /** The audit row's place in its chain, or null when the chain has no head yet (its first event). */
  audited: { seq: number; hash: string } | null;
  /** `allocate`: how many bills' outstanding the guarded update lowered (fewer than asked: refused). */
  allocatedBills: number;
  /** How many allocation rows were released (`allocate`: of those named; `release`: all the voucher's live ones). */
  releasedAllocations: number;
  /** The transaction was committed with this statement (`PostingOptions.commit`). */
  committed: boolean;
}
