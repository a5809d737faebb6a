import { dec, ZERO } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { booksFigures } from './books-figures';
import type { ReportsDeps } from './reports.deps';
import { asOfDate, money, sides } from './reports.period';
import { treeRows } from './statement-tree';

/**
 * The trial balance as on a date (BOOKS.md): every ledger's closing in the Dr or Cr column under
 * its group, each group's total rolled up the tree; income and expense for the financial year
 * only, the result of earlier years in Profit & Loss A/c, the opening stock of the year under
 * Stock-in-Hand. Total Dr = total Cr; when the opening balances (stock included) do not agree,
 * the "Difference in opening balances" line makes up the rest, as in Tally.
 */
export async function getTrialBalance(deps: ReportsDeps, actor: Actor, query: { asOf?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const f = await deps.sessions.transaction(
    (tx) => booksFigures(tx, actor.organizationId, asOf),
    tenantTx(actor, 'reports.trial_balance', true),
  );
  const roots = f.groups.filter((g) => g.parentId === null);
  const stockGroup = f.groups.find((g) => g.systemKey === 'stock_in_hand');
  const plLedger = f.ledgers.find((l) => l.systemKey === 'profit_and_loss');
  const rows = treeRows(
    f.groups,
    f.ledgers,
    roots,
    stockGroup ? [{ kind: 'opening_stock', name: 'Opening Stock', groupId: stockGroup.id, amount: f.openingStock }] : [],
    (l) => (l.id === plLedger?.id ? dec(l.closing).plus(f.earlierYears) : dec(l.closing)),
  );
  const net = rows.filter((r) => r.depth === 0).reduce((s, r) => s.plus(r.amount), ZERO);
  const difference = net.neg();
  if (!difference.eq(ZERO))
    rows.push({ kind: 'opening_difference', id: null, name: 'Difference in opening balances', depth: 0, amount: difference });
  const top = rows.filter((r) => r.depth === 0);
  return {
    asOf,
    financialYear: f.financialYear,
    rows: rows.map((r) => ({ kind: r.kind, id: r.id, name: r.name, depth: r.depth, ...sides(r.amount) })),
    openingDifference: money(difference),
    totalDebit: money(top.filter((r) => r.amount.gt(ZERO)).reduce((s, r) => s.plus(r.amount), ZERO)),
    totalCredit: money(top.filter((r) => r.amount.lt(ZERO)).reduce((s, r) => s.minus(r.amount), ZERO)),
  };
}
