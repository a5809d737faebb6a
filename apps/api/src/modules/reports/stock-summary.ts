import { dec, roundHalfUp, toQuantity, ZERO } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { findStockSummary } from './bills.repo';
import type { ReportsDeps } from './reports.deps';
import { asOfDate, money } from './reports.period';

/**
 * The stock summary as on a date (BOOKS.md, "Stock value"): per product its quantity, weighted
 * average cost and value, and the total, which is the closing stock of the balance sheet on that
 * day (the same stock value day totals). The average is the one the stock ledger recorded when
 * nothing moved after the day; for an earlier day it is that day's value ÷ quantity (a movement
 * posted later but dated earlier changes the day's value, not the recorded average).
 */
export async function getStockSummary(deps: ReportsDeps, actor: Actor, query: { asOf?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const rows = await deps.sessions.transaction(
    (tx) => findStockSummary(tx, actor.organizationId, asOf),
    tenantTx(actor, 'reports.stock_summary', true),
  );
  const items = rows.map((r) => {
    const quantity = dec(r.quantity);
    const value = dec(r.value);
    const average = !r.movedAfter ? dec(r.averageCost) : quantity.eq(ZERO) ? ZERO : roundHalfUp(value.div(quantity), 4);
    return {
      productId: r.productId,
      name: r.name,
      partNumber: r.partNumber,
      unit: r.unit,
      quantity: toQuantity(quantity),
      averageCost: average.toFixed(4),
      value: money(value),
    };
  });
  return { asOf, items, totalValue: money(rows.reduce((s, r) => s.plus(dec(r.value)), ZERO)) };
}
