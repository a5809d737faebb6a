import { dec, ZERO } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { booksFigures } from './books-figures';
import type { ReportsDeps } from './reports.deps';
import { asOfDate, money } from './reports.period';
import { treeRows, type TreeRow } from './statement-tree';

/**
 * The balance sheet as on a date (BOOKS.md): liability groups (credit +) with Profit & Loss A/c
 * (its ledger, the result of earlier years and of this financial year to the date) against asset
 * groups (debit +) with the closing stock at its value under Stock-in-Hand. It balances; when the
 * opening balances (stock included) do not agree, "Difference in opening balances" stands on the
 * short side.
 */
export async function getBalanceSheet(deps: ReportsDeps, actor: Actor, query: { asOf?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const f = await deps.sessions.transaction(
    (tx) => booksFigures(tx, actor.organizationId, asOf),
    tenantTx(actor, 'reports.balance_sheet', true),
  );
  const roots = f.groups.filter((g) => g.parentId === null);
  const plGroup = roots.find((g) => g.systemKey === 'profit_and_loss');
  const stockGroup = f.groups.find((g) => g.systemKey === 'stock_in_hand');
  const extras = stockGroup
    ? [{ kind: 'closing_stock' as const, name: 'Closing Stock', groupId: stockGroup.id, amount: f.closingStock }]
    : [];
  const side = (nature: 'asset' | 'liability') =>
    treeRows(
      f.groups,
      f.ledgers,
      roots.filter((g) => g.nature === nature && g.id !== plGroup?.id),
      extras,
    );
  const liabilities = side('liability').map((r) => ({ ...r, amount: r.amount.neg() }));
  const assets = side('asset');

  const plLedgers = plGroup ? dec(plGroup.closing).neg() : ZERO;
  const earlier = f.earlierYears.neg();
  const current = f.currentPeriod.neg();
  const plTotal = plLedgers.plus(earlier).plus(current);
  if (plGroup && !(plLedgers.plus(earlier).eq(ZERO) && current.eq(ZERO))) {
    liabilities.push(
      { kind: 'group', id: plGroup.id, name: plGroup.name, depth: 0, amount: plTotal },
      { kind: 'profit_and_loss', id: null, name: 'Opening Balance', depth: 1, amount: plLedgers.plus(earlier) },
      { kind: 'profit_and_loss', id: null, name: 'Current Period', depth: 1, amount: current },
    );
  }
  const total = (rows: TreeRow[]) => rows.filter((r) => r.depth === 0).reduce((s, r) => s.plus(r.amount), ZERO);
  const difference = total(assets).minus(total(liabilities));
  if (difference.gt(ZERO)) {
    liabilities.push({ kind: 'opening_difference', id: null, name: 'Difference in opening balances', depth: 0, amount: difference });
  } else if (difference.lt(ZERO)) {
    assets.push({ kind: 'opening_difference', id: null, name: 'Difference in opening balances', depth: 0, amount: difference.neg() });
  }
  const present = (rows: TreeRow[]) => rows.map((r) => ({ kind: r.kind, id: r.id, name: r.name, depth: r.depth, amount: money(r.amount) }));
  return {
    asOf,
    financialYear: f.financialYear,
    liabilities: present(liabilities),
    assets: present(assets),
    profitAndLoss: { ledgerBalance: money(plLedgers), earlierYears: money(earlier), currentPeriod: money(current), total: money(plTotal) },
    closingStock: money(f.closingStock),
    openingDifference: money(difference.neg()),
    totalLiabilities: money(total(liabilities)),
    totalAssets: money(total(assets)),
  };
}
