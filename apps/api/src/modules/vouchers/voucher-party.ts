import { partyFieldOf, partyLabelOf, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { AppError, validationError } from '../../lib/app-error';
import { findParty, type PartyRow } from '../parties';

/** The party must still be active to be named on a new voucher; 422 on its field otherwise. */
export function activeParty(def: VoucherTypeDefinition, party: PartyRow): PartyRow {
  if (!party.isActive) throw validationError(partyFieldOf(def)!, `${partyLabelOf(def)} "${party.name}" is deactivated`);
  return party;
}

/** The party the voucher names: of this organisation and kind, active; 422 on its field otherwise. */
export async function resolveParty(tx: Executor, def: VoucherTypeDefinition, organizationId: string, partyId: string): Promise<PartyRow> {
  // Key share: the party cannot be deleted until this voucher commits, but may be edited.
  const party = await findParty(tx, organizationId, def.party!.kind, partyId, 'key share');
  if (!party) throw validationError(partyFieldOf(def)!, `No ${def.party!.kind} with this id in your organisation`);
  return activeParty(def, party);
}

/** The first address among the candidates; 422 on `to` when there is none. */
export function recipientFor(def: VoucherTypeDefinition, partyName: string, candidates: (string | null | undefined)[]): string {
  const to = candidates.find((c): c is string => Boolean(c));
  if (!to) {
    const kind = def.party?.kind ?? 'party';
    const message = `${partyLabelOf(def)} "${partyName}" has no email address: add one to the ${kind}, or say where to send it`;
    throw new AppError('VALIDATION_ERROR', message, { errors: [{ field: 'to', message }] });
  }
  return to;
}
