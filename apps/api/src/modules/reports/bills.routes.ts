import {
  idParams,
  ORG_ROLES,
  outstandingQuery,
  outstandingSchema,
  partyBillsQuery,
  partyBillsSchema,
  stockSummaryQuery,
  stockSummarySchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineRoute } from '../../lib/route';
import { getOutstanding } from './outstanding';
import { getPartyBills } from './party-bills';
import type { ReportsDeps } from './reports.deps';
import { outstandingTable, stockSummaryTable } from './reports.export';
import { getStockSummary } from './stock-summary';

/**
 * Bills, outstanding and the stock summary (issue 15 items 4 and 5): read by every organisation
 * role, as the statements are (item 9); the reports also answer `?format=csv`.
 */
export function registerBillRoutes(api: FastifyInstance, deps: AppDeps, reports: ReportsDeps): void {
  const auth = { roles: ORG_ROLES };
  defineRoute(api, deps, {
    method: 'GET',
    url: '/parties/:id/bills',
    summary:
      "A customer's or vendor's bills: due date, amount, allocated, outstanding, status, days overdue, allocations (open by default)",
    tags: ['parties'],
    auth,
    params: idParams,
    query: partyBillsQuery,
    response: partyBillsSchema,
    handler: ({ principal, meta, params, query }) => getPartyBills(reports, actorOf(principal, meta), params.id, query),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/outstanding',
    summary: 'Outstanding receivables or payables as on a date, aged by days past due per party and in total, with advances on account',
    tags: ['reports'],
    auth,
    query: outstandingQuery,
    response: outstandingSchema,
    handler: ({ principal, meta, query }) => getOutstanding(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => outstandingTable(await getOutstanding(reports, actorOf(principal, meta), query)),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/stock-summary',
    summary:
      'Stock as on a date: quantity, weighted average cost and value per product (keyset-paged with limit), the product count and the total value',
    tags: ['reports'],
    auth,
    query: stockSummaryQuery,
    response: stockSummarySchema,
    handler: ({ principal, meta, query }) => getStockSummary(reports, actorOf(principal, meta), query),
    // A download is the whole summary, whatever page the screen shows.
    exportAs: async ({ principal, meta, query }) =>
      stockSummaryTable(await getStockSummary(reports, actorOf(principal, meta), { asOf: query.asOf })),
  });
}
