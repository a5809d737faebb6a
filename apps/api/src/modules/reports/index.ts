import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerReportRoutes } from './reports.routes';

/**
 * The financial statements of the books (BOOKS.md): read-only, from the day totals the posting
 * statement keeps (ledger and stock value), one use case per report.
 */
export function registerReportsModule(api: FastifyInstance, deps: AppDeps): void {
  registerReportRoutes(api, deps, { sessions: deps.sessions, clock: deps.clock });
}

export { rangeOf } from './reports.period';
export { statementOf } from './ledger-statement';
export { findPartyLedger, type StatementLedger } from './reports.repo';
