/**
 * Who supplies and where the supply is made decide the tax split (DOMAIN.md): the same state is
 * intra-state (CGST + SGST), different states inter-state (IGST).
 */

export type SupplyRule = 'organization_supplies' | 'party_supplies';

export interface PlaceOfSupplyInput {
  rule: SupplyRule;
  organizationStateCode: string;
  partyStateCode?: string | null;
  /** Sales only: the place of supply given on the voucher. */
  requestedPlaceOfSupply?: string | null;
}

export interface PlaceOfSupply {
  supplierStateCode: string;
  placeOfSupply: string;
  isInterState: boolean;
}

export function resolvePlaceOfSupply(input: PlaceOfSupplyInput): PlaceOfSupply {
  const org = input.organizationStateCode;
  if (input.rule === 'organization_supplies') {
    // Sales: we supply; the place of supply is the voucher's, else the customer's state, else
    // ours (an unregistered local buyer).
    const placeOfSupply = input.requestedPlaceOfSupply || input.partyStateCode || org;
    return { supplierStateCode: org, placeOfSupply, isInterState: placeOfSupply !== org };
  }
  // Purchase: the vendor supplies (from its state, else ours) and the goods come to us.
  const supplierStateCode = input.partyStateCode || org;
  return { supplierStateCode, placeOfSupply: org, isInterState: supplierStateCode !== org };
}
