import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import { registerAccountsModule } from './accounts';
import { registerAuditRoutes } from './audit';
import { registerAuthModule, replacePassword, revokeUserSessions } from './auth';
import { registerDashboardModule } from './dashboard';
import { registerDataExportModule } from './data-export';
import { registerEmailRoutes } from './email';
import { registerImportsModule } from './imports';
import { registerGstReturnsModule } from './gst-returns';
import { lockOrganization, registerOrganizationsModule } from './organizations';
import { registerPartiesModule } from './parties';
import { registerPartyStatementsModule } from './party-statements';
import { registerProductsModule } from './products';
import { registerShareLinksModule } from './share-links';
import { registerReportsModule } from './reports';
import { registerStockModule } from './stock';
import { registerSystemRoutes } from './system';
import { createTwoFactorModule } from './two-factor';
import { registerUsersModule, type UsersPorts } from './users';
import { registerVoucherModule } from './vouchers';

/** users sits below auth and organizations (both import it): what it needs of them is handed in here. */
export const usersPorts: UsersPorts = { lockOrganization, revokeUserSessions, replacePassword };

export type ApiModule = (api: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Sign-in and its second factor: auth asks two-factor after a right password; two-factor ends its step through auth. */
async function registerSignIn(api: FastifyInstance, deps: AppDeps): Promise<void> {
  const twoFactor = createTwoFactorModule(deps);
  const { completeLogin } = await registerAuthModule(api, deps, twoFactor.gate);
  await twoFactor.register(api, completeLogin);
}

/** Every business module, mounted under /api/v1 in this order. */
export const apiModules: ApiModule[] = [
  registerSystemRoutes,
  registerSignIn,
  registerOrganizationsModule,
  (api, deps) => registerUsersModule(api, deps, usersPorts),
  registerAuditRoutes,
  registerEmailRoutes,
  registerPartiesModule,
  registerProductsModule,
  registerImportsModule,
  registerStockModule,
  registerVoucherModule,
  registerDashboardModule,
  registerReportsModule,
  registerAccountsModule,
  registerGstReturnsModule,
  registerPartyStatementsModule,
  registerShareLinksModule,
  registerDataExportModule,
];
