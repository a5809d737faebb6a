import type { Camelized, lastRatesSchema, VoucherTypeDefinition } from '@tritiq/contracts';
import type { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { findParty } from '../parties';
import type { VoucherDeps } from './vouchers.deps';
import { findLastRates } from './vouchers.repo';

export type LastRatesView = Camelized<z.output<typeof lastRatesSchema>>;

/**
 * The rate each product was last billed at to this party on a voucher of this type (the voucher
 * form's product picker shows it). The party must be the organisation's and of the type's kind:
 * another organisation's party answers 404, as reading it would.
 */
export async function listLastRates(
  deps: Pick<VoucherDeps, 'sessions'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  query: { partyId: string; productIds: string[] },
): Promise<LastRatesView> {
  return deps.sessions.transaction(
    async (tx) => {
      const party = await findParty(tx, actor.organizationId, def.party!.kind, query.partyId);
      if (!party) throw notFound(def.party!.kind === 'customer' ? 'Customer' : 'Vendor');
      const rows = await findLastRates(tx, actor.organizationId, def.type, party.id, query.productIds);
      return { items: rows };
    },
    tenantTx(actor, `voucher.${def.type}.last-rates`, true),
  );
}
