import type { SystemGroup } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { validationError } from '../../lib/app-error';

/**
 * The ledgers a voucher names itself (a receipt's cash or bank ledger, a journal's lines), checked
 * before it posts: of this organisation, active, and, where the type limits them, under one of the
 * groups it names (at any depth: a user's group under Bank Accounts counts as Bank Accounts).
 */

export interface NamedLedger {
  id: string;
  name: string;
  partyId: string | null;
  systemKey: string | null;
  /** The system keys of its group and every group above it. */
  groups: readonly string[];
}

export interface LedgerReference {
  ledgerId: string;
  /** Where a refusal points (`cash_bank_ledger_id`, `lines.2.ledger_id`). */
  field: string;
  /** Only ledgers under these groups. */
  groups?: readonly SystemGroup[];
  /** Refuse a party's ledger (name the party instead) and a cash or bank ledger. */
  notPartyOrCashBank?: boolean;
}

const GROUP_LABELS: Partial<Record<SystemGroup, string>> = { cash_in_hand: 'Cash-in-Hand', bank_accounts: 'Bank Accounts' };

/** Each reference's ledger, checked; 422 naming the reference's field otherwise. */
export async function resolveVoucherLedgers(
  tx: Executor,
  organizationId: string,
  references: readonly LedgerReference[],
): Promise<Map<string, NamedLedger>> {
  const ids = [...new Set(references.map((r) => r.ledgerId))];
  const found = new Map<string, NamedLedger & { isActive: boolean }>();
  if (ids.length > 0) {
    const rows = await queryRows<{
      id: string;
      name: string;
      party_id: string | null;
      system_key: string | null;
      is_active: boolean;
      groups: string[] | null;
    }>(
      tx,
      sql`WITH RECURSIVE chain AS (
            SELECT l.id AS ledger_id, g.parent_id, g.system_key
              FROM ledgers l JOIN account_groups g ON g.organization_id = l.organization_id AND g.id = l.group_id
             WHERE l.organization_id = ${organizationId}::uuid AND l.id IN (${sql.join(
               ids.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})
            UNION ALL
            SELECT c.ledger_id, g.parent_id, g.system_key
              FROM chain c JOIN account_groups g ON g.organization_id = ${organizationId}::uuid AND g.id = c.parent_id
          )
          SELECT l.id, l.name, l.party_id, l.system_key, l.is_active,
                 (SELECT array_agg(c.system_key) FROM chain c WHERE c.ledger_id = l.id AND c.system_key IS NOT NULL) AS groups
            FROM ledgers l
           WHERE l.organization_id = ${organizationId}::uuid AND l.id IN (${sql.join(
             ids.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})`,
    );
    for (const r of rows) {
      found.set(r.id, {
        id: r.id,
        name: r.name,
        partyId: r.party_id,
        systemKey: r.system_key,
        isActive: r.is_active,
        groups: parseTextArray(r.groups),
      });
    }
  }
  for (const ref of references) {
    const ledger = found.get(ref.ledgerId);
    if (!ledger) throw validationError(ref.field, 'No ledger with this id in your organisation');
    if (!ledger.isActive) throw validationError(ref.field, `Ledger "${ledger.name}" is deactivated`);
    if (ref.groups && !ref.groups.some((g) => ledger.groups.includes(g))) {
      const names = ref.groups.map((g) => GROUP_LABELS[g] ?? g).join(' or ');
      throw validationError(ref.field, `Ledger "${ledger.name}" is not under ${names}`);
    }
    if (ref.notPartyOrCashBank) {
      if (ledger.partyId) throw validationError(ref.field, `Ledger "${ledger.name}" is a party's: name the party instead`);
      if (isCashOrBank(ledger))
        throw validationError(ref.field, `Ledger "${ledger.name}" is a cash or bank ledger: money between them is a contra voucher`);
    }
  }
  return found;
}

export function isCashOrBank(ledger: Pick<NamedLedger, 'groups'>): boolean {
  return ledger.groups.includes('cash_in_hand') || ledger.groups.includes('bank_accounts');
}

/** PGlite answers a text[] as an array; node-postgres too, unless its type parser is off ("{a,b}"). */
function parseTextArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((v) => v !== '');
}
