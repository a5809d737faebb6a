import type { PartyKind } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { insertPartyLedger, updatePartyLedger } from '../books';
import { completeTaxIdentity, type PartyCreate } from './parties.rules';
import * as repo from './parties.repo';

/** Every party of a kind by its name as uniqueness compares it (lower case): what an import matches rows against. */
export async function partyNameKeys(db: Executor, organizationId: string, kind: PartyKind): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; key: string }>(
    db,
    sql`SELECT id, lower(name) AS key FROM parties WHERE organization_id = ${organizationId} AND kind = ${kind}`,
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

/**
 * Writes an import's parties inside the caller's transaction (the import audits them as one
 * event): each new one with its ledger under Sundry Debtors or Creditors as `createParty` makes
 * it, each existing one (`id`) updated with the row's fields and its ledger renamed with it.
 */
export async function writeImportedParties(
  tx: Executor,
  actor: Actor,
  kind: PartyKind,
  rows: readonly { id?: string; values: PartyCreate }[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const { id, values } of rows) {
    const complete = completeTaxIdentity({ ...values });
    if (id) {
      const row = await repo.updateParty(tx, actor.organizationId, kind, id, { ...complete, updatedAt: now });
      await updatePartyLedger(tx, actor.organizationId, id, { name: row.name, isActive: row.isActive, updatedAt: now });
      updated++;
    } else {
      const row = await repo.insertParty(tx, actor.organizationId, kind, { ...complete, createdBy: actor.userId });
      await insertPartyLedger(tx, actor.organizationId, { ...row, kind });
      created++;
    }
  }
  return { created, updated };
}
