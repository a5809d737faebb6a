import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { bills, ledgers } from '../../db/schema';
import { newId } from '../../lib/ids';

/** The default chart of BOOKS.md for a new organisation: the one definition is the SQL function `tritiq_seed_books` of migration 0014. */
export async function seedDefaultBooks(db: Executor, organizationId: string): Promise<void> {
  await db.execute(sql`SELECT tritiq_seed_books(${organizationId}::uuid)`);
}

/** The party's ledger, named after it, under Sundry Debtors (a customer) or Sundry Creditors (a vendor). */
export async function insertPartyLedger(
  db: Executor,
  organizationId: string,
  party: { id: string; kind: 'customer' | 'vendor'; name: string; isActive: boolean; createdBy: string | null },
): Promise<void> {
  const group = party.kind === 'customer' ? 'sundry_debtors' : 'sundry_creditors';
  await db.execute(sql`
    INSERT INTO ledgers (id, organization_id, group_id, name, party_id, is_active, created_by)
    SELECT ${newId()}::uuid, g.organization_id, g.id, ${party.name}, ${party.id}::uuid, ${party.isActive}, ${party.createdBy}::uuid
      FROM account_groups g
     WHERE g.organization_id = ${organizationId}::uuid AND g.system_key = ${group}`);
}

/** A party renamed, activated or deactivated: its ledger follows. */
export async function updatePartyLedger(
  db: Executor,
  organizationId: string,
  partyId: string,
  patch: { name: string; isActive: boolean; updatedAt: Date },
): Promise<void> {
  await db
    .update(ledgers)
    .set(patch)
    .where(and(eq(ledgers.organizationId, organizationId), eq(ledgers.partyId, partyId)));
}

/**
 * The live allocations against an invoice's bill, its row locked first (allocations lock their
 * bills the same way), so none can be added while the caller decides to cancel.
 */
export async function lockBillAllocations(
  db: Executor,
  organizationId: string,
  voucherId: string,
): Promise<{ voucherNumber: string; amount: string }[]> {
  const [bill] = await db
    .select({ id: bills.id })
    .from(bills)
    .where(and(eq(bills.organizationId, organizationId), eq(bills.voucherId, voucherId)))
    .for('update');
  if (!bill) return [];
  const rows = await queryRows<{ voucher_number: string; amount: string }>(
    db,
    sql`
    SELECT v.voucher_number, a.amount
      FROM bill_allocations a JOIN vouchers v ON v.id = a.voucher_id
     WHERE a.organization_id = ${organizationId}::uuid AND a.bill_id = ${bill.id}::uuid AND a.released_at IS NULL
     ORDER BY v.voucher_number`,
  );
  return rows.map((r) => ({
    voucherNumber: r.voucher_number,
    amount: r.amount,
  }));
}

/** What is still owed on a voucher's bill: its outstanding amount, or null when it has no live bill. */
export async function findVoucherBillOutstanding(db: Executor, organizationId: string, voucherId: string): Promise<string | null> {
  const [bill] = await db
    .select({ outstanding: bills.outstanding, cancelledAt: bills.cancelledAt })
    .from(bills)
    .where(and(eq(bills.organizationId, organizationId), eq(bills.voucherId, voucherId)));
  return bill && !bill.cancelledAt ? bill.outstanding : null;
}

export type OpenBillRow = Pick<
  typeof bills.$inferSelect,
  'id' | 'partyId' | 'side' | 'voucherId' | 'ref' | 'billDate' | 'dueDate' | 'amount' | 'outstanding'
>;

/**
 * The open bills (something outstanding, not cancelled) of these parties, oldest due first; with
 * `dueBefore`, only those due before that date (overdue on it). As they stand now: outstanding is
 * the amount less the live allocations.
 */
export async function findOpenBills(
  db: Executor,
  organizationId: string,
  filter: { partyIds: string[]; side?: 'receivable' | 'payable'; dueBefore?: string },
): Promise<OpenBillRow[]> {
  if (filter.partyIds.length === 0) return [];
  return db
    .select({
      id: bills.id,
      partyId: bills.partyId,
      side: bills.side,
      voucherId: bills.voucherId,
      ref: bills.ref,
      billDate: bills.billDate,
      dueDate: bills.dueDate,
      amount: bills.amount,
      outstanding: bills.outstanding,
    })
    .from(bills)
    .where(
      and(
        eq(bills.organizationId, organizationId),
        inArray(bills.partyId, filter.partyIds),
        gt(bills.outstanding, '0'),
        isNull(bills.cancelledAt),
        filter.side ? eq(bills.side, filter.side) : undefined,
        filter.dueBefore ? lte(bills.dueDate, sql`(${filter.dueBefore}::date - 1)`) : undefined,
      ),
    )
    .orderBy(asc(bills.dueDate), asc(bills.billDate), asc(bills.ref), asc(bills.id));
}
