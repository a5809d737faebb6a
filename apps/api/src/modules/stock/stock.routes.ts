import {
  idParams,
  indianDate,
  MAX_PAGE_SIZE,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
  stockAdjustmentResultSchema,
  stockAdjustmentSchema,
  stockLedgerQuery,
  stockLedgerSchema,
  stockListQuery,
  stockPageSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { pagesOf } from '../../lib/export';
import { defineRoute } from '../../lib/route';
import { adjustStock } from './adjust-stock';
import { getStockLedger } from './get-stock-ledger';
import { listStock } from './list-stock';
import type { StockDeps } from './stock.deps';
import { stockRow, stockTable } from './stock.export';

export function registerStockRoutes(api: FastifyInstance, deps: AppDeps, stock: StockDeps): void {
  const tags = ['stock'];
  defineRoute(api, deps, {
    method: 'GET',
    url: '/stock',
    summary:
      'Quantity on hand per active product, with reorder level (low_stock_only: quantity <= reorder level); `format=csv|xlsx` downloads every page',
    tags,
    auth: { roles: ORG_ROLES },
    query: stockListQuery,
    response: stockPageSchema,
    handler: ({ principal, meta, query }) => listStock(stock, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) =>
      stockTable(
        indianDate(stock.clock.now()),
        query.lowStockOnly,
        pagesOf((cursor) => listStock(stock, actorOf(principal, meta), { ...query, limit: MAX_PAGE_SIZE, cursor }), stockRow),
      ),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/stock/:product_id/ledger',
    summary: "A product's stock movements with their cause and the balance after each",
    tags,
    auth: { roles: ORG_ROLES },
    params: z.object({ product_id: idParams.shape.id }),
    query: stockLedgerQuery,
    response: stockLedgerSchema,
    handler: ({ principal, meta, params, query }) => getStockLedger(stock, actorOf(principal, meta), params.productId, query),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/stock/adjustments',
    summary: 'Adjust stock by hand with a reason (admins; audited; refused below zero unless allowed; dated within the books window)',
    tags,
    auth: { roles: ORG_ADMIN_ROLES },
    body: stockAdjustmentSchema,
    response: stockAdjustmentResultSchema,
    status: 201,
    handler: ({ principal, meta, body }) => adjustStock(stock, actorOf(principal, meta), body),
  });
}
