import type { NotedSoFar, VoucherType } from '@tritiq/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { vouchers } from '../../db/schema';
import type { VoucherRow } from './vouchers.repo';

/**
 * The original a note is made against, of one of the types the note's definition names, locked
 * (FOR UPDATE) for the rest of the transaction: concurrent notes against one invoice queue here, so
 * the limits across them hold, and the invoice cannot be cancelled meanwhile (its cancel locks the
 * same row first).
 */
export async function lockNoteOriginal(
  db: Executor,
  organizationId: string,
  types: readonly VoucherType[],
  id: string,
): Promise<VoucherRow | undefined> {
  const [row] = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, organizationId), inArray(vouchers.voucherType, [...types]), eq(vouchers.id, id)))
    .for('update');
  return row;
}

/** Per line of the original, what its active notes took so far (quantity and every amount). */
export async function findNotedSoFar(db: Executor, organizationId: string, originalId: string): Promise<Map<string, NotedSoFar>> {
  const rows = await queryRows<{
    against_line_id: string;
    quantity: string;
    discount_amount: string;
    taxable_amount: string;
    cgst_amount: string;
    sgst_amount: string;
    igst_amount: string;
  }>(
    db,
    sql`
    SELECT l.against_line_id, sum(l.quantity)::text AS quantity, sum(l.discount_amount)::text AS discount_amount,
           sum(l.taxable_amount)::text AS taxable_amount, sum(l.cgst_amount)::text AS cgst_amount,
           sum(l.sgst_amount)::text AS sgst_amount, sum(l.igst_amount)::text AS igst_amount
      FROM vouchers v
      JOIN voucher_lines l ON l.organization_id = v.organization_id AND l.voucher_id = v.id
     WHERE v.organization_id = ${organizationId}::uuid AND v.against_voucher_id = ${originalId}::uuid AND v.status = 'active'
       AND l.against_line_id IS NOT NULL
     GROUP BY l.against_line_id`,
  );
  return new Map(
    rows.map((r) => [
      r.against_line_id,
      {
        quantity: r.quantity,
        discountAmount: r.discount_amount,
        taxableAmount: r.taxable_amount,
        cgstAmount: r.cgst_amount,
        sgstAmount: r.sgst_amount,
        igstAmount: r.igst_amount,
      },
    ]),
  );
}

/** The active notes made against a voucher, oldest first: an invoice that has any cannot be cancelled. */
export async function findActiveNotes(db: Executor, organizationId: string, originalId: string): Promise<{ voucherNumber: string }[]> {
  return db
    .select({ voucherNumber: vouchers.voucherNumber })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.againstVoucherId, originalId), eq(vouchers.status, 'active')))
    .orderBy(asc(vouchers.voucherDate), asc(vouchers.voucherNumber));
}
