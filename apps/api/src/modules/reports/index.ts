import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerBillRoutes } from './bills.routes';
import { registerReportRoutes } from './reports.routes';

/**
 * The financial statements of the books (BOOKS.md): read-only, from the day totals the posting
 * statement keeps (ledger and stock value), one use case per report.
 */
export function registerReportsModule(api: FastifyInstance, deps: AppDeps): void {
  const reports = { sessions: deps.sessions, clock: deps.clock };
  registerReportRoutes(api, deps, reports);
  registerBillRoutes(api, deps, reports);
}

export { rangeOf } from './reports.period';
export { statementOf } from './ledger-statement';
export { ledgerSpanRows, totalsSpan } from './totals-span';
export { sumOpenBillsOn } from './bills.repo';
export { findPartyLedger, type StatementLedger } from './reports.repo';
