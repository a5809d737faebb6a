import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerAuthModule } from './auth';
import { registerDashboardModule } from './dashboard';
import { registerEmailRoutes } from './email/email.routes';
import { registerOrganizationsModule } from './organizations';
import { registerPartyRoutes } from './parties/parties.routes';
import { registerProductRoutes } from './products/products.routes';
import { registerStockRoutes } from './stock/stock.routes';
import { registerSystemRoutes } from './system/system.routes';
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
  registerPartyRoutes,
  registerProductRoutes,
  registerStockRoutes,
  registerVoucherModule,
  registerDashboardModule,
];
