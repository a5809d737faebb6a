import {
  createOrganizationRequestSchema,
  gstFiledPeriodListSchema,
  gstFiledPeriodSchema,
  gstPeriodParams,
  gstPeriodUnfiledSchema,
  createOrganizationResponseSchema,
  idParamsSchema,
  listOrganizationsQuerySchema,
  organizationPageSchema,
  organizationProfileSchema,
  organizationSchema,
  organizationSettingsSchema,
  suspendOrganizationRequestSchema,
  updateOrganizationProfileRequestSchema,
  updateOrganizationRequestSchema,
  updateOrganizationSettingsRequestSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';
import { asTenant } from '../../lib/principal';
import { createLicence } from './create-licence';
import { getLicence } from './get-licence';
import { getProfile } from './get-profile';
import { getSettings } from './get-settings';
import { listGstPeriods, markGstPeriodFiled, unmarkGstPeriodFiled } from './gst-periods';
import { listLicences } from './list-licences';
import type { OrganizationsDeps } from './organizations.deps';
import { setLicenceStatus } from './set-licence-status';
import { updateLicence } from './update-licence';
import { updateProfile } from './update-profile';
import { updateSettings } from './update-settings';

const ORG_ROLES = ['org_admin', 'admin', 'standard_user'] as const;
const SUPER = ['super_admin'] as const;

export function registerOrganizationsRoutes(api: FastifyInstance, deps: AppDeps, orgs: OrganizationsDeps): void {
  defineRoute(api, deps, {
    method: 'POST',
    url: '/organizations',
    summary: 'Issue a licence: create an organisation and its first org admin (super admin)',
    description: "The admin's temporary password is shown once in this answer and sent with the licence_welcome email.",
    tags: ['organizations'],
    auth: { roles: SUPER },
    status: 201,
    body: createOrganizationRequestSchema,
    response: createOrganizationResponseSchema,
    handler: async ({ principal, body, meta }) => createLicence(orgs, principal, body, meta),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/organizations',
    summary: 'List licences (super admin)',
    tags: ['organizations'],
    auth: { roles: SUPER },
    query: listOrganizationsQuerySchema,
    response: organizationPageSchema,
    handler: async ({ query }) => listLicences(orgs, query),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/organizations/:id',
    summary: 'Read a licence (super admin)',
    tags: ['organizations'],
    auth: { roles: SUPER },
    params: idParamsSchema,
    response: organizationSchema,
    handler: async ({ params }) => getLicence(orgs, params.id),
  });

  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/organizations/:id',
    summary: 'Rename a licence or change its max_users (super admin)',
    tags: ['organizations'],
    auth: { roles: SUPER },
    params: idParamsSchema,
    body: updateOrganizationRequestSchema,
    response: organizationSchema,
    handler: async ({ principal, params, body, meta }) => updateLicence(orgs, principal, params.id, body, meta),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/organizations/:id/suspend',
    summary: 'Suspend a licence: its users are signed out and locked out at once (super admin)',
    tags: ['organizations'],
    auth: { roles: SUPER },
    params: idParamsSchema,
    body: suspendOrganizationRequestSchema,
    response: organizationSchema,
    handler: async ({ principal, params, body, meta }) => setLicenceStatus(orgs, principal, params.id, 'suspended', body.reason, meta),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/organizations/:id/reactivate',
    summary: 'Reactivate a suspended licence (super admin)',
    tags: ['organizations'],
    auth: { roles: SUPER },
    params: idParamsSchema,
    response: organizationSchema,
    handler: async ({ principal, params, meta }) => setLicenceStatus(orgs, principal, params.id, 'active', undefined, meta),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/organization/profile',
    summary: "My organisation's company details",
    tags: ['organization'],
    auth: { roles: ORG_ROLES },
    response: organizationProfileSchema,
    handler: async ({ principal }) => getProfile(orgs, asTenant(principal)),
  });

  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/organization/profile',
    summary: 'Update company details (org admin); send null to clear a field',
    description: 'GSTIN with a valid check character; its state code and PAN must match the state code and PAN of the profile.',
    tags: ['organization'],
    auth: { roles: ['org_admin'] },
    body: updateOrganizationProfileRequestSchema,
    response: organizationProfileSchema,
    handler: async ({ principal, body, meta }) => updateProfile(orgs, asTenant(principal), body, meta),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/organization/settings',
    summary: "My organisation's settings",
    tags: ['organization'],
    auth: { roles: ORG_ROLES },
    response: organizationSettingsSchema,
    handler: async ({ principal }) => getSettings(orgs, asTenant(principal)),
  });

  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/organization/settings',
    summary:
      'Change settings: negative-stock policy, voucher prefixes per type, date format, the dating window, the books lock date, the GST turnover band (org admin)',
    tags: ['organization'],
    auth: { roles: ['org_admin'] },
    body: updateOrganizationSettingsRequestSchema,
    response: organizationSettingsSchema,
    handler: async ({ principal, body, meta }) => updateSettings(orgs, asTenant(principal), body, meta),
  });

  // Filed GST periods (BOOKS.md, "Locking"): sales invoices and notes of a filed month are frozen.
  defineRoute(api, deps, {
    method: 'GET',
    url: '/gst/periods',
    summary: 'The months whose GSTR-1 is marked filed, newest first, with when and by whom',
    tags: ['gst'],
    auth: { roles: ORG_ROLES },
    response: gstFiledPeriodListSchema,
    handler: async ({ principal }) => listGstPeriods(orgs, asTenant(principal)),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/gst/periods/:period/filed',
    summary: "Mark a month's GSTR-1 filed (org admin, audited): its sales invoices and notes can no longer be posted or cancelled",
    description: 'Marking a month that is already filed answers its first mark unchanged. A month that has not begun is 422.',
    tags: ['gst'],
    auth: { roles: ['org_admin'] },
    params: gstPeriodParams,
    response: gstFiledPeriodSchema,
    handler: async ({ principal, params, meta }) => markGstPeriodFiled(orgs, asTenant(principal), params.period, meta),
  });

  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/gst/periods/:period/filed',
    summary: 'Unmark a filed month (org admin, audited): it is open again; 404 when it is not marked',
    tags: ['gst'],
    auth: { roles: ['org_admin'] },
    params: gstPeriodParams,
    response: gstPeriodUnfiledSchema,
    handler: async ({ principal, params, meta }) => {
      await unmarkGstPeriodFiled(orgs, asTenant(principal), params.period, meta);
      return { period: params.period, filed: false as const };
    },
  });
}
