import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerImportRoutes } from './imports.routes';

export { importFile } from './import-file';
export { findImportActor, ImportTargetError } from './import-target';
export { ImportRefusedError } from './imports.parse';
export type { ImportDeps, ImportProgress } from './run-import';

/** Masters and openings from spreadsheets (README "Import"). */
export function registerImportsModule(api: FastifyInstance, deps: AppDeps): void {
  registerImportRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}
