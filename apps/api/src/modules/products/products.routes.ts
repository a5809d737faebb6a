import {
  deletedSchema,
  idParams,
  MAX_PAGE_SIZE,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
  productCreateSchema,
  productListQuery,
  productPageSchema,
  productSchema,
  productUpdateSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { pagesOf } from '../../lib/export';
import { defineRoute } from '../../lib/route';
import { createProduct } from './create-product';
import { deleteProduct } from './delete-product';
import { getProduct } from './get-product';
import { listProducts } from './list-products';
import type { ProductDeps } from './products.deps';
import { productRow, productsTable } from './products.export';
import { updateProduct } from './update-product';

export function registerProductRoutes(api: FastifyInstance, deps: AppDeps, products: ProductDeps): void {
  const tags = ['products'];
  defineRoute(api, deps, {
    method: 'GET',
    url: '/products',
    summary: 'List products (search on name, part number, HSN; keyset pagination by name); `format=csv|xlsx` downloads every page',
    tags,
    auth: { roles: ORG_ROLES },
    query: productListQuery,
    response: productPageSchema,
    handler: ({ principal, meta, query }) => listProducts(products, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) =>
      productsTable(
        pagesOf((cursor) => listProducts(products, actorOf(principal, meta), { ...query, limit: MAX_PAGE_SIZE, cursor }), productRow),
      ),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/products',
    summary: 'Create a product (its stock starts at zero)',
    tags,
    auth: { roles: ORG_ROLES },
    body: productCreateSchema,
    response: productSchema,
    status: 201,
    handler: ({ principal, meta, body }) => createProduct(products, actorOf(principal, meta), body),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/products/:id',
    summary: 'Read a product with its quantity on hand',
    tags,
    auth: { roles: ORG_ROLES },
    params: idParams,
    response: productSchema,
    handler: ({ principal, meta, params }) => getProduct(products, actorOf(principal, meta), params.id),
  });
  defineRoute(api, deps, {
    method: 'PUT',
    url: '/products/:id',
    summary: 'Update a product (is_active: admins only); issued vouchers keep what they printed',
    tags,
    auth: { roles: ORG_ROLES },
    params: idParams,
    body: productUpdateSchema,
    response: productSchema,
    handler: ({ principal, meta, params, body }) => updateProduct(products, actorOf(principal, meta), params.id, body),
  });
  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/products/:id',
    summary: 'Delete a product never used by a voucher or stock movement (admins; 409 otherwise)',
    tags,
    auth: { roles: ORG_ADMIN_ROLES },
    params: idParams,
    response: deletedSchema,
    handler: ({ principal, meta, params }) => deleteProduct(products, actorOf(principal, meta), params.id),
  });
}
