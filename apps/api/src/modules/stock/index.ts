import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerStockRoutes } from './stock.routes';

/**
 * Stock on hand and its ledger. The voucher engine plans its movements here (`planStock`) and
 * hands them to the posting as data (`stockWriteOf`); every writer locks with `lockProductStock`.
 */
export function registerStockModule(api: FastifyInstance, deps: AppDeps): void {
  registerStockRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}

export { assertStockApplied, planStock, postStockPlan, stockTakenMeanwhile, stockWriteOf, type MovementCause } from './stock.moves';
export type { StockMovement, StockPlan } from './stock.plan';
export { findVoucherMovements, lockProductStock, type LockedProductStock } from './stock.repo';
