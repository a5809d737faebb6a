import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerDataExportRoutes } from './data-export.routes';

/** Data out (README "Your data" and "Tally export"): the organisation's data as a zip of CSV files. */
export function registerDataExportModule(api: FastifyInstance, deps: AppDeps): void {
  registerDataExportRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}
