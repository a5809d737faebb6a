import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerImportRoutes } from './imports.routes';

/** Masters from spreadsheets (README "Import"). */
export function registerImportsModule(api: FastifyInstance, deps: AppDeps): void {
  registerImportRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}
