import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerOrganizationsRoutes } from './organizations.routes';

/**
 * Licences (the super admin's), and an organisation's company profile and settings. The business
 * modules read what they need of it through `getBusinessSettings`, and date their records within
 * its window (`assertDateInWindow`).
 */
export function registerOrganizationsModule(api: FastifyInstance, deps: AppDeps): void {
  registerOrganizationsRoutes(api, deps, {
    sessions: deps.sessions,
    audit: deps.audit,
    email: deps.email,
    clock: deps.clock,
    config: deps.config,
  });
}

export {
  assertBooksOpen,
  assertDateInWindow,
  businessSettingsColumns,
  getBusinessSettings,
  type BusinessSettings,
} from './business-settings';
export { findOrganization, lockOrganization, type OrganizationRow } from './organizations.repo';
export { assertGstPeriodOpen } from './gst-periods';
export { findGstFiledPeriod, findGstFiledPeriodForPosting, holdGstFilingLock } from './gst-periods.repo';
