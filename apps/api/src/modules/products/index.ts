import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerProductRoutes } from './products.routes';

/** Products and their stock balance row (made with the product). Stock lists products through `findProducts`. */
export function registerProductsModule(api: FastifyInstance, deps: AppDeps): void {
  registerProductRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}

export { findProduct, findProducts, type ProductWithStock } from './products.repo';
export { productKeys, writeImportedProducts } from './import-products';
export type { ProductCreate } from './products.rules';
