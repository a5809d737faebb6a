import { indianDate, voucherTypes } from '@tritiq/contracts';
import { notFound } from '../../lib/app-error';
import type { TenantPrincipal } from '../../lib/principal';
import { currentPrefixes } from '../numbering';
import type { OrganizationsDeps } from './organizations.deps';
import { findOrganization } from './organizations.repo';
import { toSettingsView } from './organizations.view';

/** The caller's organisation's settings, with the prefix each voucher type numbers with today. */
export async function getSettings(deps: Pick<OrganizationsDeps, 'sessions' | 'clock'>, principal: TenantPrincipal) {
  const today = indianDate(deps.clock.now());
  return deps.sessions.transaction(
    async (tx) => {
      const org = await findOrganization(tx, principal.organizationId);
      if (!org) throw notFound('Organisation');
      return toSettingsView(org, await currentPrefixes(tx, org.id, voucherTypes(), today));
    },
    { organizationId: principal.organizationId, readOnly: true, label: 'organization.settings' },
  );
}
