import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, shareLinks, users, vouchers } from '../../db/schema';

export type ShareLinkRow = typeof shareLinks.$inferSelect;

/** The voucher's type, if the organisation has a voucher with this id. */
export async function findVoucherTypeById(db: Executor, organizationId: string, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ type: vouchers.voucherType })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.id, id)));
  return row?.type;
}

export async function shareLinksEnabled(db: Executor, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ on: organizations.shareLinksEnabled, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return Boolean(row?.on && row.status === 'active');
}

export async function insertShareLink(db: Executor, row: typeof shareLinks.$inferInsert): Promise<ShareLinkRow> {
  const [created] = await db.insert(shareLinks).values(row).returning();
  return created!;
}

export async function listShareLinks(db: Executor, organizationId: string, voucherId: string) {
  return db
    .select({ link: shareLinks, createdByEmail: users.email })
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(and(eq(shareLinks.organizationId, organizationId), eq(shareLinks.voucherId, voucherId)))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
    .limit(100);
}

export async function findShareLink(db: Executor, organizationId: string, voucherId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.organizationId, organizationId), eq(shareLinks.voucherId, voucherId), eq(shareLinks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function revokeShareLinkRow(db: Executor, organizationId: string, id: string, by: string, at: Date): Promise<ShareLinkRow> {
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(shareLinks.organizationId, organizationId), eq(shareLinks.id, id)))
    .returning();
  return row!;
}

/** A link by its token's hash, across organisations (platform context: the public route knows no tenant yet). */
export async function findShareLinkByHash(db: Executor, tokenHash: string): Promise<ShareLinkRow | undefined> {
  const [row] = await db.select().from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash));
  return row;
}
