import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerDashboardRoutes } from './dashboard.routes';

/** The organisation's and the platform's home pages. */
export function registerDashboardModule(api: FastifyInstance, deps: AppDeps): void {
  registerDashboardRoutes(api, deps, { sessions: deps.sessions, clock: deps.clock, email: deps.email });
}
