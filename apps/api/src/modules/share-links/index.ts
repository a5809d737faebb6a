import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { servedVoucherTypes } from '../vouchers';
import { registerShareLinkRoutes } from './share-links.routes';

/**
 * Expiring public links to voucher PDFs (issue 17, "Share"): made by members where the org admin
 * turned them on, served without sign-in while valid, revocable.
 */
export async function registerShareLinksModule(api: FastifyInstance, deps: AppDeps): Promise<void> {
  const links = { sessions: deps.sessions, audit: deps.audit, clock: deps.clock };
  await registerShareLinkRoutes(api, deps, links, servedVoucherTypes());
}
