import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerVoucherRoutes } from './vouchers.routes';
import { createVoucherService } from './vouchers.service';

export function registerVoucherModule(api: FastifyInstance, deps: AppDeps): void {
  const vouchers = createVoucherService({ sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
  registerVoucherRoutes(api, deps, vouchers);
}
