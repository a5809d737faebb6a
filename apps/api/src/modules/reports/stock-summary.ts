import { dec, roundHalfUp, toQuantity, ZERO } from '@tritiq/contracts';
import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { findStockSummary } from './bills.repo';
import type { ReportsDeps } from './reports.deps';
import { asOfDate, money } from './reports.period';

/**
 * The stock summary as on a date (BOOKS.md, "Stock value"): per product its quantity, weighted
 * average cost and value, and the total, which is the closing stock of the balance sheet on that
 * day (the same stock value totals). The average is the one the stock ledger recorded when
 * nothing moved after the day; for an earlier day it is that day's value ÷ quantity (a movement
 * posted later but dated earlier changes the day's value, not the recorded average). With `limit`
 * it is keyset-paged by name (the count and total still of every product); without it, whole.
 */
export async function getStockSummary(deps: ReportsDeps, actor: Actor, query: { asOf?: string; limit?: number; cursor?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.uuid()]));
  const page = query.limit === undefined ? undefined : { limit: query.limit + 1, after };
  const found = await deps.sessions.transaction(
    (tx) => findStockSummary(tx, actor.organizationId, asOf, page),
    tenantTx(actor, 'reports.stock_summary', true),
  );
  const rows = query.limit === undefined ? found.rows : found.rows.slice(0, query.limit);
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
  const last = rows[rows.length - 1];
  return {
    asOf,
    items,
    productCount: found.count,
    totalValue: money(found.totalValue),
    nextCursor: query.limit !== undefined && found.rows.length > query.limit && last ? encodeCursor([last.sortName, last.productId]) : null,
  };
}
