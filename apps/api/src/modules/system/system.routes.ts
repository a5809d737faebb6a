import { apiInfoSchema } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';

export function registerSystemRoutes(api: FastifyInstance, deps: AppDeps): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/',
    summary: 'API version and where its documentation is',
    tags: ['system'],
    auth: 'public',
    response: apiInfoSchema,
    handler: async () => ({
      name: deps.config.productName,
      version: deps.config.version,
      docs: '/docs',
      openapi: '/docs/json',
    }),
  });
}
