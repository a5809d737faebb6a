import { partyLabelOf, type VoucherType, type VoucherTypeDefinition } from '@tritiq/contracts';

export const voucherPaths = {
  list: (type: VoucherType) => `/vouchers/${type}`,
  create: (type: VoucherType) => `/vouchers/${type}/new`,
  view: (type: VoucherType, id: string) => `/vouchers/${type}/${id}`,
};

/** "Customer", "Vendor": what the voucher's party is called on its pages. */
export function partyNoun(def: VoucherTypeDefinition): string {
  return partyLabelOf(def);
}
