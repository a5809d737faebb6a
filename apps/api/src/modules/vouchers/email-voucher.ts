import { partyLabelOf, type VoucherTypeDefinition } from '@tritiq/contracts';
import { isOrgAdmin, tenantTx, type Actor } from '../../lib/actor';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { getBusinessSettings } from '../organizations';
import { findParty } from '../parties';
import { queueVoucherEmail } from './queue-voucher-email';
import { recipientFor } from './voucher-party';
import type { VoucherDeps } from './vouchers.deps';
import { findVoucher, findVoucherLines } from './vouchers.repo';

const sameAddress = (a: string, b: string | null | undefined) => Boolean(b) && a.trim().toLowerCase() === b!.trim().toLowerCase();

/**
 * Queues the voucher email to the party (or `to`); its status then follows delivery. Only admins
 * may send it elsewhere than to the party's address: an invoice with the business's prices and the
 * party's details is not for a standard user to forward to any address (issue 12).
 */
export async function emailVoucher(deps: VoucherDeps, def: VoucherTypeDefinition, actor: Actor, id: string, to: string | null) {
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const found = await findVoucher(tx, org, def.type, id, true);
      if (!found) throw notFound(def.label);
      const voucher = found.voucher;
      if (voucher.status === 'cancelled')
        throw new AppError('CONFLICT', `${def.label} ${voucher.voucherNumber} is cancelled and is not emailed`);
      // Only a party's vouchers are emailed (the route exists for types with a party).
      const party = voucher.partyId ? await findParty(tx, org, def.party!.kind, voucher.partyId) : undefined;
      const partyAddresses = [party?.email, voucher.partyEmail];
      if (to && !isOrgAdmin(actor) && !partyAddresses.some((a) => sameAddress(to, a))) {
        const noun = partyLabelOf(def).toLowerCase();
        throw forbidden(
          `Only an admin can email a ${def.label.toLowerCase()} to an address other than the ${noun}'s: leave "to" empty to send it to the ${noun}`,
        );
      }
      const recipient = recipientFor(def, voucher.partyName ?? '', [to, ...partyAddresses]);
      const settings = await getBusinessSettings(tx, org);
      const lines = await findVoucherLines(tx, org, id);
      const queued = await queueVoucherEmail(deps, tx, def, actor, settings, voucher, lines, recipient);
      return {
        voucherId: id,
        voucherNumber: queued.voucherNumber,
        emailStatus: queued.emailStatus,
        emailTo: recipient,
        message: `Email queued to ${recipient}`,
      };
    },
    tenantTx(actor, `voucher.${def.type}.email`),
  );
}
