import { ORG_ADMIN_ROLES, ORG_ROLES } from '../src/roles';
import type { HeaderFieldSpec, VoucherTypeDefinition } from '../src/vouchers/definition';

/**
 * The voucher types the returns issue (16) will register, written as definitions here, in a test
 * fixture, to prove the definition's shape can say everything BOOKS.md's returns rules need.
 * Nothing registers them: they are not product code yet. (Receipt, payment, contra and journal
 * are registered: packages/contracts/src/vouchers/registry.ts.)
 */

const NOTE_REASONS = [
  { value: 'sales_return', label: 'Sales return' },
  { value: 'post_sale_discount', label: 'Post-sale discount' },
  { value: 'deficiency_in_services', label: 'Deficiency in services' },
  { value: 'correction_in_invoice', label: 'Correction in invoice' },
  { value: 'change_in_pos', label: 'Change in place of supply' },
  { value: 'others', label: 'Others' },
];

const noteFields: HeaderFieldSpec[] = [
  { name: 'reason', label: 'Reason', kind: 'choice', required: true, options: NOTE_REASONS },
  { name: 'reference', label: 'Reference', kind: 'text', maxLength: 100 },
];

export const CREDIT_NOTE: VoucherTypeDefinition = {
  type: 'credit-note',
  label: 'Credit note',
  pluralLabel: 'Credit notes',
  navLabel: 'Credit notes',
  defaultPrefix: 'CN',
  party: { kind: 'customer', required: true },
  stockDirection: 'in',
  supplyRule: 'organization_supplies',
  headerFields: noteFields,
  lines: 'items',
  defaultPrice: 'sale',
  against: {
    types: ['sales'],
    purpose: 'return',
    cardinality: 'one',
    required: true,
    sameParty: true,
    onOrAfterOriginal: true,
    takes: ['party', 'place_of_supply', 'line_items', 'line_rates', 'outstanding'],
    limit: 'remaining_quantity_and_value',
  },
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'system', ledger: 'sales' }, amount: 'taxable_total' },
      { side: 'debit', account: { from: 'system', ledger: 'output_cgst' }, amount: 'cgst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'output_sgst' }, amount: 'sgst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'output_igst' }, amount: 'igst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'round_off' }, amount: 'round_off', negativeToOtherSide: true },
      { side: 'credit', account: { from: 'party' }, amount: 'grand_total' },
    ],
  },
  document: { layout: 'tax_invoice', title: 'Credit Note', numberLabel: 'Credit note no.', upiQr: false },
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};

export const DEBIT_NOTE: VoucherTypeDefinition = {
  ...CREDIT_NOTE,
  type: 'debit-note',
  label: 'Debit note',
  pluralLabel: 'Debit notes',
  navLabel: 'Debit notes',
  defaultPrefix: 'DN',
  party: { kind: 'vendor', required: true },
  stockDirection: 'out',
  supplyRule: 'party_supplies',
  defaultPrice: 'purchase',
  against: { ...CREDIT_NOTE.against!, types: ['purchase'] },
  document: { layout: 'tax_invoice', title: 'Debit Note', numberLabel: 'Debit note no.', upiQr: false },
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'party' }, amount: 'grand_total' },
      { side: 'credit', account: { from: 'system', ledger: 'purchase' }, amount: 'taxable_total' },
      { side: 'credit', account: { from: 'system', ledger: 'input_cgst' }, amount: 'cgst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'input_sgst' }, amount: 'sgst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'input_igst' }, amount: 'igst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'round_off' }, amount: 'round_off', negativeToOtherSide: true },
    ],
  },
};

export const FUTURE_VOUCHER_TYPES = [CREDIT_NOTE, DEBIT_NOTE] as const;
