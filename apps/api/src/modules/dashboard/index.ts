import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerDashboardRoutes } from './dashboard.routes';
import { createDashboardService } from './dashboard.service';

export function registerDashboardModule(api: FastifyInstance, deps: AppDeps): void {
  registerDashboardRoutes(api, deps, createDashboardService({ sessions: deps.sessions, clock: deps.clock, email: deps.email }));
}
