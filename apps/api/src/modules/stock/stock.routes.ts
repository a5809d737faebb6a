import {
  idParams,
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
import { defineRoute } from '../../lib/route';
import { createStockService } from './stock.service';

export function registerStockRoutes(api: FastifyInstance, deps: AppDeps): void {
  const service = createStockService(deps);
  const tags = ['stock'];
  defineRoute(api, deps, {
    method: 'GET',
    url: '/stock',
    summary: 'Quantity on hand per active product, with reorder level (low_stock_only: quantity <= reorder level)',
    tags,
    auth: { roles: ORG_ROLES },
    query: stockListQuery,
    response: stockPageSchema,
    handler: ({ principal, meta, query }) => service.listStock(actorOf(principal, meta), query),
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
    handler: ({ principal, meta, params, query }) => service.getStockLedger(actorOf(principal, meta), params.productId, query),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/stock/adjustments',
    summary: 'Adjust stock by hand with a reason (admins; audited; refused below zero unless allowed)',
    tags,
    auth: { roles: ORG_ADMIN_ROLES },
    body: stockAdjustmentSchema,
    response: stockAdjustmentResultSchema,
    status: 201,
    handler: ({ principal, meta, body }) => service.adjustStock(actorOf(principal, meta), body),
  });
}
