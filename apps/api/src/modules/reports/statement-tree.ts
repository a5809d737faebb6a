import { dec, ZERO, type Decimal, type STATEMENT_ROW_KINDS } from '@tritiq/contracts';
import type { GroupRow, LedgerBalanceRow } from './reports.repo';

/** A figure the books do not hold as a ledger (opening or closing stock), placed under a group. */
export interface ExtraLine {
  kind: 'opening_stock' | 'closing_stock';
  name: string;
  groupId: string;
  amount: Decimal;
}

export interface TreeRow {
  kind: (typeof STATEMENT_ROW_KINDS)[number];
  id: string | null;
  name: string;
  depth: number;
  /** Signed, Dr +. */
  amount: Decimal;
}

/**
 * The rows of a statement under the given primary groups, in order: each group (its closing rolled
 * up by the query, plus the extra lines under it or below it), then its ledgers, then its
 * sub-groups. Ledgers with a zero balance are left out, and so are groups with nothing to show.
 */
export function treeRows(
  groups: readonly GroupRow[],
  ledgers: readonly LedgerBalanceRow[],
  roots: readonly GroupRow[],
  extras: readonly ExtraLine[] = [],
  ledgerAmount: (l: LedgerBalanceRow) => Decimal = (l) => dec(l.closing),
): TreeRow[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const extraTotal = new Map<string, Decimal>();
  for (const e of extras) {
    for (const a of byId.get(e.groupId)?.ancestors ?? []) extraTotal.set(a, (extraTotal.get(a) ?? ZERO).plus(e.amount));
  }
  const adjust = new Map<string, Decimal>();
  for (const l of ledgers) {
    const delta = ledgerAmount(l).minus(dec(l.closing));
    if (delta.eq(ZERO)) continue;
    for (const a of byId.get(l.groupId)?.ancestors ?? []) adjust.set(a, (adjust.get(a) ?? ZERO).plus(delta));
  }
  const children = new Map<string, GroupRow[]>();
  for (const g of groups) if (g.parentId) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  const ledgersOf = new Map<string, LedgerBalanceRow[]>();
  for (const l of ledgers) ledgersOf.set(l.groupId, [...(ledgersOf.get(l.groupId) ?? []), l]);

  const out: TreeRow[] = [];
  const walk = (g: GroupRow, depth: number): void => {
    const own: TreeRow[] = [];
    for (const e of extras.filter((x) => x.groupId === g.id)) {
      if (!e.amount.eq(ZERO)) own.push({ kind: e.kind, id: null, name: e.name, depth: depth + 1, amount: e.amount });
    }
    for (const l of ledgersOf.get(g.id) ?? []) {
      const amount = ledgerAmount(l);
      if (!amount.eq(ZERO)) own.push({ kind: 'ledger', id: l.id, name: l.name, depth: depth + 1, amount });
    }
    const start = out.length;
    out.push({
      kind: 'group',
      id: g.id,
      name: g.name,
      depth,
      amount: dec(g.closing)
        .plus(extraTotal.get(g.id) ?? ZERO)
        .plus(adjust.get(g.id) ?? ZERO),
    });
    out.push(...own);
    for (const c of children.get(g.id) ?? []) walk(c, depth + 1);
    if (out.length === start + 1 && out[start]!.amount.eq(ZERO)) out.length = start;
  };
  for (const r of roots) walk(r, 0);
  return out;
}
