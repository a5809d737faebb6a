import { VOUCHER_TYPE_DEFINITIONS, VOUCHER_TYPES, type VoucherType, type VoucherTypeDefinition } from '@tritiq/contracts';

export const voucherPaths = {
  list: (type: VoucherType) => `/vouchers/${type}`,
  create: (type: VoucherType) => `/vouchers/${type}/new`,
  view: (type: VoucherType, id: string) => `/vouchers/${type}/${id}`,
};

/** The type named by a route segment, or null (the page answers "not found"). */
export function voucherDefOf(segment: string): VoucherTypeDefinition | null {
  return (VOUCHER_TYPES as readonly string[]).includes(segment) ? VOUCHER_TYPE_DEFINITIONS[segment as VoucherType] : null;
}

export function partyNoun(def: VoucherTypeDefinition): string {
  return def.partyKind === 'customer' ? 'Customer' : 'Vendor';
}
