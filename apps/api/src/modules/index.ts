import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerAuthModule } from './auth';
import { registerEmailRoutes } from './email/email.routes';
import { registerOrganizationsModule } from './organizations';
import { registerSystemRoutes } from './system/system.routes';
import { registerUsersModule } from './users';

export type ApiModule = (api: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Every business module, mounted under /api/v1 in this order. */
export const apiModules: ApiModule[] = [
  registerSystemRoutes,
  registerAuthModule,
  registerOrganizationsModule,
  registerUsersModule,
  registerAuditRoutes,
  registerEmailRoutes,
];
