import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { z } from 'zod';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { getBusinessSettings } from '../organizations';
import type { AccountsDeps } from './accounts.deps';
import { presentGroup, presentLedger, type GroupView, type LedgerView } from './accounts.rules';
import * as repo from './accounts.repo';

type Node = GroupView & { children: Node[]; ledgers: LedgerView[] };

/**
 * The chart as a tree: the primary groups in the statements' order, each with its sub-groups and
 * ledgers. Parties' ledgers (one per customer and vendor: thousands) only when asked for; the
 * groups' `ledger_count` counts them either way.
 */
export async function getChartTree(
  deps: Pick<AccountsDeps, 'sessions'>,
  actor: Actor,
  query: { includePartyLedgers: boolean; activeOnly: boolean },
) {
  const { groups, ledgers, booksStartDate } = await deps.sessions.transaction(
    async (tx) => ({
      groups: await repo.findGroups(tx, actor.organizationId),
      ledgers: await repo.findLedgers(tx, actor.organizationId, {
        kind: query.includePartyLedgers ? 'all' : 'other',
        activeOnly: query.activeOnly,
      }),
      booksStartDate: (await getBusinessSettings(tx, actor.organizationId)).booksStartDate,
    }),
    tenantTx(actor, 'accounts.tree', true),
  );
  const nodes = new Map<string, Node>(groups.map((g) => [g.id, { ...presentGroup(g), children: [], ledgers: [] }]));
  const roots: Node[] = [];
  for (const g of groups) {
    const node = nodes.get(g.id)!;
    if (g.parentId === null) roots.push(node);
    else nodes.get(g.parentId)?.children.push(node);
  }
  for (const l of ledgers) nodes.get(l.groupId)?.ledgers.push(presentLedger(l));
  return { booksStartDate, groups: roots };
}

export async function listGroups(deps: Pick<AccountsDeps, 'sessions'>, actor: Actor) {
  const groups = await deps.sessions.transaction(
    (tx) => repo.findGroups(tx, actor.organizationId),
    tenantTx(actor, 'accounts.groups', true),
  );
  return { items: groups.map(presentGroup) };
}

export async function getGroup(deps: Pick<AccountsDeps, 'sessions'>, actor: Actor, id: string) {
  const group = await deps.sessions.transaction(
    (tx) => repo.findGroup(tx, actor.organizationId, id),
    tenantTx(actor, 'accounts.group', true),
  );
  if (!group) throw notFound('Account group');
  return presentGroup(group);
}

export async function listLedgers(
  deps: Pick<AccountsDeps, 'sessions'>,
  actor: Actor,
  query: {
    search?: string;
    groupId?: string;
    under?: string[];
    kind: 'all' | 'party' | 'other' | 'cash_bank';
    activeOnly: boolean;
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.uuid()]));
  const rows = await deps.sessions.transaction(
    (tx) =>
      repo.findLedgers(tx, actor.organizationId, {
        search: query.search || undefined,
        groupId: query.groupId,
        under: query.under,
        kind: query.kind,
        activeOnly: query.activeOnly,
        after,
        limit: query.limit + 1,
      }),
    tenantTx(actor, 'accounts.ledgers', true),
  );
  return pageOf(rows, query.limit, presentLedger, (r) => [r.name.toLowerCase(), r.id]);
}

export async function getLedger(deps: Pick<AccountsDeps, 'sessions'>, actor: Actor, id: string) {
  const ledger = await deps.sessions.transaction(
    (tx) => repo.findLedger(tx, actor.organizationId, id),
    tenantTx(actor, 'accounts.ledger', true),
  );
  if (!ledger) throw notFound('Ledger');
  return presentLedger(ledger);
}
