import type { PartyKind, VoucherType } from '@tritiq/contracts';
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { pickColumns, rawRows, selectListSql } from '../../db/raw';
import { idempotencyKeys, ledgers, parties, users, voucherLedgerLines, voucherLines, vouchers } from '../../db/schema';
import { likePattern } from '../../lib/search';
import { businessSettingsColumns, type BusinessSettings } from '../organizations';
import type { PartyRow } from '../parties';
import type { VoucherHeaderWrite, VoucherLineWrite } from '../posting';

export type VoucherRow = typeof vouchers.$inferSelect;
export type VoucherInsert = typeof vouchers.$inferInsert;
export type VoucherLineRow = typeof voucherLines.$inferSelect;
export type VoucherLineInsert = typeof voucherLines.$inferInsert;

/**
 * The organisation's business settings and the voucher's party (of this kind, key-share locked:
 * it cannot be deleted until the voucher commits, but may be edited) in one round trip. Nothing
 * when the party is not there; the caller then reads them one by one to say what is wrong.
 */
export async function findSettingsWithParty(
  db: Executor,
  organizationId: string,
  partyKind: PartyKind,
  partyId: string,
): Promise<{ settings: BusinessSettings; party: PartyRow } | undefined> {
  settingsWithPartySql ??= `SELECT ${selectListSql('o', businessSettingsColumns, 's.')}, ${selectListSql('p', getTableColumns(parties), 'p.')}
       FROM organizations o
       JOIN parties p ON p.organization_id = o.id AND p.kind = $2 AND p.id = $3
      WHERE o.id = $1
        FOR KEY SHARE OF p`;
  const [row] = await rawRows<Record<string, unknown>>(db, settingsWithPartySql, [organizationId, partyKind, partyId]);
  if (!row) return undefined;
  return { settings: pickColumns(row, businessSettingsColumns, 's.'), party: pickColumns(row, getTableColumns(parties), 'p.') };
}
let settingsWithPartySql: string | undefined;

/**
 * The rows as a posting stored them: every value is given by the caller, the column defaults
 * (status, email status, optional fields) are the schema's, so no read-back is needed.
 */
export function storedVoucher(
  header: VoucherHeaderWrite,
  lines: readonly VoucherLineWrite[],
): { voucher: VoucherRow; lines: VoucherLineRow[] } {
  const voucher: VoucherRow = {
    status: 'active',
    partyGstin: null,
    partyStateCode: null,
    partyEmail: null,
    partyAddress: null,
    dueDate: null,
    reference: null,
    supplierInvoiceNumber: null,
    supplierInvoiceDate: null,
    cashBankLedgerId: null,
    otherLedgerId: null,
    mode: null,
    instrumentNumber: null,
    instrumentDate: null,
    transferReference: null,
    partyId: null,
    partyKind: null,
    partyName: null,
    supplierStateCode: null,
    placeOfSupply: null,
    notes: null,
    againstVoucherId: null,
    againstVoucherNumber: null,
    againstVoucherDate: null,
    reason: null,
    emailStatus: 'not_sent',
    emailError: null,
    emailTo: null,
    emailMessageId: null,
    emailUpdatedAt: null,
    createdBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    ...header,
  };
  return { voucher, lines: lines.map((l) => ({ hsnCode: null, againstLineId: null, discountFlat: null, ...l })) };
}

/** The names of a receipt's or payment's header ledgers, as the chart has them now. */
export interface VoucherLedgerNames {
  cashBankLedgerName: string | null;
  otherLedgerName: string | null;
}

const cashBankLedger = alias(ledgers, 'cash_bank_ledger');
const otherLedger = alias(ledgers, 'other_ledger');
const joinsCashBank = and(eq(cashBankLedger.organizationId, vouchers.organizationId), eq(cashBankLedger.id, vouchers.cashBankLedgerId));
const joinsOther = and(eq(otherLedger.organizationId, vouchers.organizationId), eq(otherLedger.id, vouchers.otherLedgerId));
const withNames = {
  voucher: vouchers,
  createdByEmail: users.email,
  cashBankLedgerName: cashBankLedger.name,
  otherLedgerName: otherLedger.name,
};

export async function findVoucher(
  db: Executor,
  organizationId: string,
  voucherType: VoucherType,
  id: string,
  lock = false,
): Promise<({ voucher: VoucherRow; createdByEmail: string | null } & VoucherLedgerNames) | undefined> {
  const where = and(eq(vouchers.organizationId, organizationId), eq(vouchers.voucherType, voucherType), eq(vouchers.id, id));
  if (lock) {
    const [row] = await db.select().from(vouchers).where(where).for('update');
    return row ? { voucher: row, createdByEmail: null, cashBankLedgerName: null, otherLedgerName: null } : undefined;
  }
  const [row] = await db
    .select(withNames)
    .from(vouchers)
    .leftJoin(users, eq(users.id, vouchers.createdBy))
    .leftJoin(cashBankLedger, joinsCashBank)
    .leftJoin(otherLedger, joinsOther)
    .where(where);
  return row;
}

/** A journal's or contra's lines with their ledgers' names. */
export async function findVoucherLedgerLines(db: Executor, organizationId: string, voucherId: string) {
  return db
    .select({
      lineNo: voucherLedgerLines.lineNo,
      ledgerId: voucherLedgerLines.ledgerId,
      ledgerName: ledgers.name,
      amount: voucherLedgerLines.amount,
      narration: voucherLedgerLines.narration,
    })
    .from(voucherLedgerLines)
    .innerJoin(ledgers, and(eq(ledgers.organizationId, voucherLedgerLines.organizationId), eq(ledgers.id, voucherLedgerLines.ledgerId)))
    .where(and(eq(voucherLedgerLines.organizationId, organizationId), eq(voucherLedgerLines.voucherId, voucherId)))
    .orderBy(asc(voucherLedgerLines.lineNo));
}

/** A voucher's type, by its id alone (an email names only the voucher). */
export async function findVoucherTypeOf(db: Executor, organizationId: string, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ type: vouchers.voucherType })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.id, id)));
  return row?.type;
}

export async function findVoucherLines(db: Executor, organizationId: string, voucherId: string): Promise<VoucherLineRow[]> {
  return db
    .select()
    .from(voucherLines)
    .where(and(eq(voucherLines.organizationId, organizationId), eq(voucherLines.voucherId, voucherId)))
    .orderBy(asc(voucherLines.lineNo));
}

export async function markVoucherCancelled(
  db: Executor,
  organizationId: string,
  id: string,
  cancel: { by: string; at: Date; reason: string },
): Promise<VoucherRow> {
  const [row] = await db
    .update(vouchers)
    .set({ status: 'cancelled', cancelledBy: cancel.by, cancelledAt: cancel.at, cancelReason: cancel.reason })
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.id, id)))
    .returning();
  return row!;
}

export async function markVoucherEmailQueued(
  db: Executor,
  organizationId: string,
  id: string,
  email: { to: string; messageId: string; at: Date },
): Promise<VoucherRow> {
  const [row] = await db
    .update(vouchers)
    .set({ emailStatus: 'queued', emailTo: email.to, emailMessageId: email.messageId, emailError: null, emailUpdatedAt: email.at })
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.id, id)))
    .returning();
  return row!;
}

/**
 * Records a delivery outcome, but only for the message the voucher is waiting on: the outcome
 * of an older email must not overwrite the status of a newer one.
 */
export async function recordVoucherEmailOutcome(
  db: Executor,
  voucherId: string,
  messageId: string,
  outcome: { status: 'sent' | 'failed'; error: string | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(vouchers)
    .set({ emailStatus: outcome.status, emailError: outcome.error, emailUpdatedAt: outcome.at })
    .where(and(eq(vouchers.id, voucherId), eq(vouchers.emailMessageId, messageId)))
    .returning({ id: vouchers.id });
  return rows.length > 0;
}

export interface VoucherListFilter {
  voucherType: VoucherType;
  partyKind: string;
  fromDate?: string;
  toDate?: string;
  partyId?: string;
  status?: 'active' | 'cancelled';
  search?: string;
  /** (voucher_date, seq) of the last row of the previous page. */
  before?: { date: string; seq: number };
  limit: number;
}

/**
 * Newest first, keyset-paginated on (voucher_date, seq): every page is an index range scan of
 * `vouchers_list_idx` (or `vouchers_party_idx` / `vouchers_cancelled_idx`), as fast on the
 * millionth voucher as on the first.
 */
export async function findVouchers(db: Executor, organizationId: string, filter: VoucherListFilter) {
  const v = vouchers;
  const conditions = filterConditions(organizationId, filter);
  if (filter.before) conditions.push(sql`(${v.voucherDate}, ${v.seq}) < (${filter.before.date}::date, ${filter.before.seq}::int)`);
  return db
    .select(withNames)
    .from(vouchers)
    .leftJoin(users, eq(users.id, vouchers.createdBy))
    .leftJoin(cashBankLedger, joinsCashBank)
    .leftJoin(otherLedger, joinsOther)
    .where(and(...conditions))
    .orderBy(desc(v.voucherDate), desc(v.seq))
    .limit(filter.limit);
}

function filterConditions(organizationId: string, filter: Omit<VoucherListFilter, 'before' | 'limit'>): SQL[] {
  const v = vouchers;
  const conditions: SQL[] = [eq(v.organizationId, organizationId), eq(v.voucherType, filter.voucherType)];
  if (filter.fromDate) conditions.push(sql`${v.voucherDate} >= ${filter.fromDate}::date`);
  if (filter.toDate) conditions.push(sql`${v.voucherDate} <= ${filter.toDate}::date`);
  if (filter.partyId) conditions.push(eq(v.partyId, filter.partyId));
  if (filter.status) conditions.push(eq(v.status, filter.status));
  if (filter.search) conditions.push(searchCondition(organizationId, filter));
  return conditions;
}

export interface VoucherListSummary {
  count: number;
  cancelledCount: number;
  taxableAmount: string;
  taxAmount: string;
  grandTotal: string;
}

/**
 * The count of every voucher the filter matches and the totals of the posted ones among them
 * (a cancelled voucher counts, its amounts do not), for the register's footer. The same index
 * range as the list's first page, read to its end: asked once per filter, not per page.
 */
export async function summarizeVouchers(
  db: Executor,
  organizationId: string,
  filter: Omit<VoucherListFilter, 'before' | 'limit'>,
): Promise<VoucherListSummary> {
  const v = vouchers;
  const posted = sql`${v.status} = 'active'`;
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      cancelledCount: sql<number>`(count(*) FILTER (WHERE ${v.status} = 'cancelled'))::int`,
      taxableAmount: sql<string>`COALESCE(SUM(${v.taxableAmount}) FILTER (WHERE ${posted}), 0)::numeric(16,2)::text`,
      taxAmount: sql<string>`COALESCE(SUM(${v.cgstAmount} + ${v.sgstAmount} + ${v.igstAmount}) FILTER (WHERE ${posted}), 0)::numeric(16,2)::text`,
      grandTotal: sql<string>`COALESCE(SUM(${v.grandTotal}) FILTER (WHERE ${posted}), 0)::numeric(16,2)::text`,
    })
    .from(vouchers)
    .where(and(...filterConditions(organizationId, filter)));
  return {
    count: Number(row!.count),
    cancelledCount: Number(row!.cancelledCount),
    taxableAmount: row!.taxableAmount,
    taxAmount: row!.taxAmount,
    grandTotal: row!.grandTotal,
  };
}

/**
 * A search is a whole voucher number (`SV/2526/00017`), a sequence number (`17`, any financial
 * year), or else part of the party's name as it is in the master now. Each form uses an index:
 * the number its unique index, the sequence the (type, year, seq) one, the name the party list.
 */
function searchCondition(organizationId: string, filter: Omit<VoucherListFilter, 'before' | 'limit'>): SQL {
  const v = vouchers;
  const text = filter.search!.trim();
  if (/^[A-Za-z0-9-]+\/\d{4}\/\d+$/.test(text)) return eq(v.voucherNumber, text.toUpperCase());
  if (/^\d{1,9}$/.test(text)) {
    return sql`${v.seq} = ${Number(text)}::int AND ${v.fiscalYear} IN (SELECT s.fiscal_year FROM voucher_series s
                 WHERE s.organization_id = ${organizationId} AND s.voucher_type = ${filter.voucherType})`;
  }
  return sql`${v.partyId} IN (SELECT p.id FROM parties p WHERE p.organization_id = ${organizationId}
               AND p.kind = ${filter.partyKind} AND p.name ILIKE ${likePattern(text)})`;
}

/**
 * Claims an Idempotency-Key for this transaction. A concurrent request with the same key waits
 * on the primary key until this transaction ends, then sees the claim (false).
 */
export async function claimIdempotencyKey(
  db: Executor,
  organizationId: string,
  claim: { scope: string; key: string; requestHash: string; userId: string },
): Promise<boolean> {
  const rows = await db
    .insert(idempotencyKeys)
    .values({ organizationId, ...claim })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function findIdempotencyKey(db: Executor, organizationId: string, scope: string, key: string) {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, voucherId: idempotencyKeys.voucherId })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

/**
 * Per product, the line of the latest active voucher of this type made out to this party (the
 * rate the party was last billed). Walks the party's vouchers newest first (`vouchers_party_idx`).
 */
export async function findLastRates(
  db: Executor,
  organizationId: string,
  voucherType: VoucherType,
  partyId: string,
  productIds: readonly string[],
) {
  return db
    .selectDistinctOn([voucherLines.productId], {
      productId: voucherLines.productId,
      unitPrice: voucherLines.unitPrice,
      isGstInclusive: voucherLines.isGstInclusive,
      discountPercentage: voucherLines.discountPercentage,
      voucherId: vouchers.id,
      voucherNumber: vouchers.voucherNumber,
      voucherDate: vouchers.voucherDate,
    })
    .from(voucherLines)
    .innerJoin(vouchers, and(eq(vouchers.organizationId, voucherLines.organizationId), eq(vouchers.id, voucherLines.voucherId)))
    .where(
      and(
        eq(vouchers.organizationId, organizationId),
        eq(voucherLines.organizationId, organizationId),
        eq(vouchers.voucherType, voucherType),
        eq(vouchers.partyId, partyId),
        eq(vouchers.status, 'active'),
        inArray(voucherLines.productId, [...productIds]),
      ),
    )
    .orderBy(voucherLines.productId, desc(vouchers.voucherDate), desc(vouchers.seq), desc(voucherLines.lineNo));
}
