import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerChartRoutes } from './accounts.routes';
import { registerOpeningRoutes } from './opening.routes';

/**
 * The chart of accounts as users see and change it, opening balances and the bills of parties
 * (BOOKS.md). Above `books` (which keeps the chart's defaults and posts to it) and `stock` (opening
 * stock goes through its posting); nothing imports this module but the module list, and importers
 * (the data module) call the use cases exported here.
 */
export function registerAccountsModule(api: FastifyInstance, deps: AppDeps): void {
  const accounts = { sessions: deps.sessions, audit: deps.audit, clock: deps.clock };
  registerChartRoutes(api, deps, accounts);
  registerOpeningRoutes(api, deps, accounts);
}

export type { AccountsDeps } from './accounts.deps';
export { createGroup } from './create-group';
export { createLedger } from './create-ledger';
export { deleteGroup } from './delete-group';
export { deleteLedger } from './delete-ledger';
export { setLedgerOpening } from './ledger-opening';
export { createOpeningBill, deleteOpeningBill, listOpeningBills, updateOpeningBill } from './opening-bills';
export { listOpeningStock, setOpeningStock } from './opening-stock';
export { getOpeningBalances } from './read-openings';
export { getChartTree, getGroup, getLedger, listGroups, listLedgers } from './read-chart';
export { updateGroup } from './update-group';
export { updateLedger } from './update-ledger';
