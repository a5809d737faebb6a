import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { accountGroups, ledgers } from '../../db/schema';
import { newId } from '../../lib/ids';
import { likePattern } from '../../lib/search';

/**
 * The chart of accounts' reads and writes. Groups are few (tens), so every read walks the whole
 * tree with one recursive CTE and gives each group the system keys of itself and its ancestors:
 * what a rule needs to know where a group sits (under Sundry Debtors, under Bank Accounts, …).
 */

export type Nature = 'asset' | 'liability' | 'income' | 'expense';

export interface GroupRow {
  id: string;
  parentId: string | null;
  name: string;
  nature: Nature;
  systemKey: string | null;
  sortOrder: number;
  depth: number;
  /** System keys of the group and of every group above it. */
  keys: string[];
  /** Ids of the group and of every group above it. */
  path: string[];
  ledgerCount: number;
  childCount: number;
}

const TREE = (organizationId: string) => sql`
  tree AS (
    SELECT g.id, g.parent_id, g.name, g.nature, g.system_key, g.sort_order, 0 AS depth,
           ARRAY[g.id] AS path, ARRAY[coalesce(g.system_key, '')] AS keys,
           ARRAY[lpad(g.sort_order::text, 6, '0') || lower(g.name)] AS sort_path
      FROM account_groups g
     WHERE g.organization_id = ${organizationId}::uuid AND g.parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.name, c.nature, c.system_key, c.sort_order, t.depth + 1,
           t.path || c.id, t.keys || coalesce(c.system_key, ''),
           t.sort_path || (lpad(c.sort_order::text, 6, '0') || lower(c.name))
      FROM tree t
      JOIN account_groups c ON c.organization_id = ${organizationId}::uuid AND c.parent_id = t.id
  )`;

/** `{a,b}` as the text protocol sends an array of a type the pg driver does not parse. */
function arrayOf(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

/** Every group of the organisation in the statements' order (Tally's order, then by name). */
export async function findGroups(db: Executor, organizationId: string): Promise<GroupRow[]> {
  const rows = await queryRows<{
    id: string;
    parent_id: string | null;
    name: string;
    nature: Nature;
    system_key: string | null;
    sort_order: number;
    depth: number;
    path: string[] | string;
    keys: string[] | string;
    ledger_count: number | string;
    child_count: number | string;
  }>(
    db,
    sql`
    WITH RECURSIVE ${TREE(organizationId)}
    SELECT t.id, t.parent_id, t.name, t.nature, t.system_key, t.sort_order, t.depth, t.path::text[] AS path, t.keys,
           (SELECT count(*) FROM ledgers l WHERE l.organization_id = ${organizationId}::uuid AND l.group_id = t.id) AS ledger_count,
           (SELECT count(*) FROM account_groups c WHERE c.organization_id = ${organizationId}::uuid AND c.parent_id = t.id) AS child_count
      FROM tree t
     ORDER BY t.sort_path`,
  );
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    nature: r.nature,
    systemKey: r.system_key,
    sortOrder: r.sort_order,
    depth: r.depth,
    path: arrayOf(r.path),
    keys: arrayOf(r.keys).filter((k) => k !== ''),
    ledgerCount: Number(r.ledger_count),
    childCount: Number(r.child_count),
  }));
}

export async function findGroup(db: Executor, organizationId: string, id: string): Promise<GroupRow | undefined> {
  return (await findGroups(db, organizationId)).find((g) => g.id === id);
}

/** Locks a group's row, so that no ledger or sub-group is added under it while it is deleted or moved. */
export async function lockGroup(db: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: accountGroups.id })
    .from(accountGroups)
    .where(and(eq(accountGroups.organizationId, organizationId), eq(accountGroups.id, id)))
    .for('update');
  return rows.length > 0;
}

export async function insertGroup(
  db: Executor,
  organizationId: string,
  values: { name: string; parentId: string; nature: Nature },
): Promise<string> {
  const [row] = await db
    .insert(accountGroups)
    .values({ organizationId, name: values.name, parentId: values.parentId, nature: values.nature })
    .returning({ id: accountGroups.id });
  return row!.id;
}

export async function updateGroup(
  db: Executor,
  organizationId: string,
  id: string,
  patch: { name?: string; parentId?: string; updatedAt: Date },
): Promise<void> {
  await db
    .update(accountGroups)
    .set(patch)
    .where(and(eq(accountGroups.organizationId, organizationId), eq(accountGroups.id, id)));
}

export async function deleteGroup(db: Executor, organizationId: string, id: string): Promise<void> {
  await db.delete(accountGroups).where(and(eq(accountGroups.organizationId, organizationId), eq(accountGroups.id, id)));
}

export interface LedgerRow {
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  nature: Nature;
  systemKey: string | null;
  partyId: string | null;
  partyKind: 'customer' | 'vendor' | null;
  /** System keys of its group and of every group above it. */
  groupKeys: string[];
  openingBalance: string;
  balance: string;
  hasEntries: boolean;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface LedgerFilter {
  ids?: string[];
  search?: string;
  /** Under this group or its sub-groups. */
  groupId?: string;
  /** Under any group with one of these system keys (or their sub-groups). */
  under?: string[];
  kind?: 'all' | 'party' | 'other' | 'cash_bank';
  activeOnly?: boolean;
  /** Keyset: after this (lower(name), id). */
  after?: [string, string];
  limit?: number;
}

/** Ledgers with their group, where it sits, their balance over every entry and whether any entry names them. */
export async function findLedgers(db: Executor, organizationId: string, filter: LedgerFilter): Promise<LedgerRow[]> {
  const conditions: SQL[] = [sql`l.organization_id = ${organizationId}::uuid`];
  if (filter.ids)
    conditions.push(
      sql`l.id IN (${sql.join(
        filter.ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (filter.search) conditions.push(sql`l.name ILIKE ${likePattern(filter.search)}`);
  if (filter.groupId) conditions.push(sql`${filter.groupId}::uuid = ANY(t.path)`);
  if (filter.under)
    conditions.push(
      sql`t.keys && ARRAY[${sql.join(
        filter.under.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]`,
    );
  if (filter.kind === 'party') conditions.push(sql`l.party_id IS NOT NULL`);
  if (filter.kind === 'other') conditions.push(sql`l.party_id IS NULL`);
  if (filter.kind === 'cash_bank') conditions.push(sql`t.keys && ARRAY['cash_in_hand', 'bank_accounts']::text[]`);
  if (filter.activeOnly) conditions.push(sql`l.is_active`);
  if (filter.after) conditions.push(sql`(lower(l.name), l.id) > (${filter.after[0]}, ${filter.after[1]}::uuid)`);
  const rows = await queryRows<{
    id: string;
    name: string;
    group_id: string;
    group_name: string;
    nature: Nature;
    system_key: string | null;
    party_id: string | null;
    party_kind: 'customer' | 'vendor' | null;
    keys: string[] | string;
    opening_balance: string;
    balance: string;
    has_entries: boolean;
    is_active: boolean;
    created_at: Date | string;
    updated_at: Date | string;
  }>(
    db,
    sql`
    WITH RECURSIVE ${TREE(organizationId)}
    SELECT l.id, l.name, l.group_id, t.name AS group_name, t.nature, l.system_key, l.party_id, p.kind AS party_kind, t.keys,
           l.opening_balance::text,
           (l.opening_balance + coalesce(d.net, 0))::numeric(16,2)::text AS balance, d.net IS NOT NULL AS has_entries,
           l.is_active, l.created_at, l.updated_at
      FROM ledgers l
      JOIN tree t ON t.id = l.group_id
      LEFT JOIN parties p ON p.organization_id = l.organization_id AND p.id = l.party_id
      LEFT JOIN LATERAL (
        SELECT sum(x.debit - x.credit) AS net FROM ledger_month_totals x
         WHERE x.organization_id = l.organization_id AND x.ledger_id = l.id
      ) d ON true
     WHERE ${sql.join(conditions, sql` AND `)}
     ORDER BY lower(l.name), l.id
     ${filter.limit === undefined ? sql`` : sql`LIMIT ${filter.limit}`}`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    groupId: r.group_id,
    groupName: r.group_name,
    nature: r.nature,
    systemKey: r.system_key,
    partyId: r.party_id,
    partyKind: r.party_kind,
    groupKeys: arrayOf(r.keys).filter((k) => k !== ''),
    openingBalance: r.opening_balance,
    balance: r.balance,
    hasEntries: r.has_entries,
    isActive: r.is_active,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  }));
}

export async function findLedger(db: Executor, organizationId: string, id: string): Promise<LedgerRow | undefined> {
  const [row] = await findLedgers(db, organizationId, { ids: [id] });
  return row;
}

/** Locks a ledger's row: its opening balance, name and group change under the lock. */
export async function lockLedger(db: Executor, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: ledgers.id })
    .from(ledgers)
    .where(and(eq(ledgers.organizationId, organizationId), eq(ledgers.id, id)))
    .for('update');
  return rows.length > 0;
}

export async function insertLedger(
  db: Executor,
  organizationId: string,
  values: { name: string; groupId: string; openingBalance: string; createdBy: string },
): Promise<string> {
  const id = newId();
  await db.insert(ledgers).values({ id, organizationId, ...values });
  return id;
}

export async function updateLedger(
  db: Executor,
  organizationId: string,
  id: string,
  patch: { name?: string; groupId?: string; isActive?: boolean; openingBalance?: string; updatedAt: Date },
): Promise<void> {
  await db
    .update(ledgers)
    .set(patch)
    .where(and(eq(ledgers.organizationId, organizationId), eq(ledgers.id, id)));
}

export async function deleteLedger(db: Executor, organizationId: string, id: string): Promise<void> {
  await db.delete(ledgers).where(and(eq(ledgers.organizationId, organizationId), eq(ledgers.id, id)));
}
