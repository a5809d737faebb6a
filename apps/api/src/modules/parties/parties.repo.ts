import type { PartyKind } from '@tritiq/contracts';
import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { parties, vouchers } from '../../db/schema';
import { likePattern } from '../../lib/search';

export type PartyRow = typeof parties.$inferSelect;
export type PartyValues = Omit<typeof parties.$inferInsert, 'id' | 'organizationId' | 'kind' | 'createdAt' | 'updatedAt'>;

export async function insertParty(db: Executor, organizationId: string, kind: PartyKind, values: PartyValues): Promise<PartyRow> {
  const [row] = await db
    .insert(parties)
    .values({ ...values, organizationId, kind })
    .returning();
  return row!;
}

export async function findParty(
  db: Executor,
  organizationId: string,
  kind: PartyKind,
  id: string,
  lock?: 'update' | 'key share',
): Promise<PartyRow | undefined> {
  const query = db
    .select()
    .from(parties)
    .where(and(eq(parties.organizationId, organizationId), eq(parties.kind, kind), eq(parties.id, id)));
  const [row] = await (lock === 'update' ? query.for('update') : lock === 'key share' ? query.for('key share') : query);
  return row;
}

/** A party by its id, whichever kind it is (a statement or a reminder names only the party). */
export async function findPartyById(db: Executor, organizationId: string, id: string): Promise<PartyRow | undefined> {
  const [row] = await db
    .select()
    .from(parties)
    .where(and(eq(parties.organizationId, organizationId), eq(parties.id, id)));
  return row;
}

/** Parties by their ids (those of this organisation; any other id is simply not there). */
export async function findPartiesById(db: Executor, organizationId: string, ids: string[]): Promise<PartyRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(parties)
    .where(and(eq(parties.organizationId, organizationId), inArray(parties.id, ids)));
}

export async function updateParty(
  db: Executor,
  organizationId: string,
  kind: PartyKind,
  id: string,
  patch: Partial<PartyValues> & { updatedAt: Date },
): Promise<PartyRow> {
  const [row] = await db
    .update(parties)
    .set(patch)
    .where(and(eq(parties.organizationId, organizationId), eq(parties.kind, kind), eq(parties.id, id)))
    .returning();
  return row!;
}

export async function deleteParty(db: Executor, organizationId: string, kind: PartyKind, id: string): Promise<void> {
  await db.delete(parties).where(and(eq(parties.organizationId, organizationId), eq(parties.kind, kind), eq(parties.id, id)));
}

export async function isPartyUsed(db: Executor, organizationId: string, partyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: vouchers.id })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, organizationId), eq(vouchers.partyId, partyId)))
    .limit(1);
  return row !== undefined;
}

export interface PartyListFilter {
  search?: string;
  activeOnly: boolean;
  limit: number;
  /** lower(name) of the last row of the previous page. */
  after?: string;
}

/** Ordered by name (unique per kind, case-insensitively), so lower(name) is the keyset. */
export async function findParties(db: Executor, organizationId: string, kind: PartyKind, filter: PartyListFilter): Promise<PartyRow[]> {
  const conditions = [eq(parties.organizationId, organizationId), eq(parties.kind, kind)];
  if (filter.activeOnly) conditions.push(eq(parties.isActive, true));
  if (filter.search) {
    const pattern = likePattern(filter.search);
    conditions.push(
      or(
        ilike(parties.name, pattern),
        ilike(parties.contactNumber, pattern),
        ilike(parties.email, pattern),
        ilike(parties.gstin, pattern),
      )!,
    );
  }
  if (filter.after !== undefined) conditions.push(gt(sql`lower(${parties.name})`, filter.after));
  return db
    .select()
    .from(parties)
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${parties.name})`))
    .limit(filter.limit);
}
