import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAuditRoutes } from './audit';
import { registerAuthModule } from './auth';
import { registerDashboardModule } from './dashboard';
import { registerEmailRoutes } from './email';
import { registerOrganizationsModule } from './organizations';
import { registerPartiesModule } from './parties';
import { registerProductsModule } from './products';
import { registerStockModule } from './stock';
import { registerSystemRoutes } from './system';
import { registerUsersModule } from './users';
import { registerVoucherModule } from './vouchers';

export type ApiModule = (api: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Every business module, mounted under /api/v1 in this order. */
export const apiModules: ApiModule[] = [
  registerSystemRoutes,
  registerAuthModule,
  registerOrganizationsModule,
  registerUsersModule,
  registerAuditRoutes,
  registerEmailRoutes,
  registerPartiesModule,
  registerProductsModule,
  registerStockModule,
  registerVoucherModule,
  registerDashboardModule,
];
