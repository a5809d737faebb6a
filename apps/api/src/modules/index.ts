import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAuditRoutes } from './audit';
import { registerAuthModule, replacePassword, revokeUserSessions } from './auth';
import { registerDashboardModule } from './dashboard';
import { registerEmailRoutes } from './email';
import { lockOrganization, registerOrganizationsModule } from './organizations';
import { registerPartiesModule } from './parties';
import { registerProductsModule } from './products';
import { registerStockModule } from './stock';
import { registerSystemRoutes } from './system';
import { registerUsersModule, type UsersPorts } from './users';
import { registerVoucherModule } from './vouchers';

/** users sits below auth and organizations (both import it): what it needs of them is handed in here. */
export const usersPorts: UsersPorts = { lockOrganization, revokeUserSessions, replacePassword };

export type ApiModule = (api: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Every business module, mounted under /api/v1 in this order. */
export const apiModules: ApiModule[] = [
  registerSystemRoutes,
  registerAuthModule,
  registerOrganizationsModule,
  (api, deps) => registerUsersModule(api, deps, usersPorts),
  registerAuditRoutes,
  registerEmailRoutes,
  registerPartiesModule,
  registerProductsModule,
  registerStockModule,
  registerVoucherModule,
  registerDashboardModule,
];
