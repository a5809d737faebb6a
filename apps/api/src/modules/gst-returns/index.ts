import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerGstReturnRoutes } from './gst-returns.routes';

export { computeGstr1Sections } from './get-gstr1-summary';
export { computeGstr3b } from './get-gstr3b';
/** The GSTR-1 writer and its reads, for the benchmark (bench/gstr1.ts). */
export { gstr1Reader } from './gstr1.data';
export { findReturnOrganization, tuneForReturns } from './gst-returns.repo';
export { findGstr1Problems } from './gstr1.problems';
export { writeGstr1Json } from './gstr1-json';

/**
 * The GST returns of BOOKS.md ("GST returns"): GSTR-1 (portal JSON, Excel, on-screen summary) and
 * GSTR-3B for a month, read-only from the vouchers.
 */
export function registerGstReturnsModule(api: FastifyInstance, deps: AppDeps): void {
  registerGstReturnRoutes(api, deps, { sessions: deps.sessions, clock: deps.clock });
}
