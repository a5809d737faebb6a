import { ORG_ADMIN_ROLES, ORG_ROLES } from '../src/roles';
import type { HeaderFieldSpec, VoucherTypeDefinition } from '../src/vouchers/definition';

/**
 * The six voucher types the books and returns issues (15, 16) will register, written as
 * definitions here, in a test fixture, to prove the definition's shape can say everything BOOKS.md's
 * posting table and returns rules need. Nothing registers them: they are not product code yet.
 */

const MODE_OPTIONS = [
  { value: 'cash', label: 'Cash' },
  { value: 'cheque', label: 'Cheque' },
  { value: 'bank_transfer', label: 'Bank transfer / UPI' },
];

/** A receipt's or payment's money side: which cash or bank ledger, how much, how it moved. */
const moneyFields: HeaderFieldSpec[] = [
  { name: 'cash_bank_ledger_id', label: 'Cash or bank', kind: 'ledger', required: true, ledgerGroups: ['cash_in_hand', 'bank_accounts'] },
  { name: 'other_ledger_id', label: 'Other ledger (instead of a party)', kind: 'ledger' },
  { name: 'amount', label: 'Amount', kind: 'money', required: true },
  { name: 'mode', label: 'Mode', kind: 'choice', required: true, options: MODE_OPTIONS },
  { name: 'instrument_number', label: 'Cheque no.', kind: 'text', maxLength: 20, when: { field: 'mode', in: ['cheque'] } },
  { name: 'instrument_date', label: 'Cheque date', kind: 'date', when: { field: 'mode', in: ['cheque'] } },
  { name: 'transfer_reference', label: 'UTR / reference', kind: 'text', maxLength: 40, when: { field: 'mode', in: ['bank_transfer'] } },
];

const NOTE_REASONS = [
  { value: 'sales_return', label: 'Sales return' },
  { value: 'post_sale_discount', label: 'Post-sale discount' },
  { value: 'deficiency_in_services', label: 'Deficiency in services' },
  { value: 'correction_in_invoice', label: 'Correction in invoice' },
  { value: 'change_in_pos', label: 'Change in place of supply' },
  { value: 'others', label: 'Others' },
];

export const RECEIPT: VoucherTypeDefinition = {
  type: 'receipt',
  label: 'Receipt',
  pluralLabel: 'Receipts',
  navLabel: 'Receipts',
  defaultPrefix: 'RC',
  party: { kind: 'customer', required: false },
  stockDirection: 'none',
  supplyRule: null,
  headerFields: moneyFields,
  lines: 'none',
  against: {
    types: ['sales'],
    purpose: 'settlement',
    cardinality: 'many',
    required: false,
    sameParty: true,
    onOrAfterOriginal: false,
    takes: ['outstanding'],
    limit: 'outstanding',
  },
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'header', field: 'cash_bank_ledger_id' }, amount: 'amount' },
      { side: 'credit', account: { from: 'party_or_header', field: 'other_ledger_id' }, amount: 'amount' },
    ],
  },
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};

export const PAYMENT: VoucherTypeDefinition = {
  ...RECEIPT,
  type: 'payment',
  label: 'Payment',
  pluralLabel: 'Payments',
  navLabel: 'Payments',
  defaultPrefix: 'PY',
  party: { kind: 'vendor', required: false },
  against: { ...RECEIPT.against!, types: ['purchase'] },
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'party_or_header', field: 'other_ledger_id' }, amount: 'amount' },
      { side: 'credit', account: { from: 'header', field: 'cash_bank_ledger_id' }, amount: 'amount' },
    ],
  },
};

export const CONTRA: VoucherTypeDefinition = {
  type: 'contra',
  label: 'Contra voucher',
  pluralLabel: 'Contra vouchers',
  navLabel: 'Contra',
  defaultPrefix: 'CT',
  party: null,
  stockDirection: 'none',
  supplyRule: null,
  headerFields: [{ name: 'reference', label: 'Reference', kind: 'text', maxLength: 100 }],
  lines: 'ledger',
  against: null,
  posting: { kind: 'ledger_lines', minLines: 2, ledgerGroups: ['cash_in_hand', 'bank_accounts'] },
  roles: { read: ORG_ROLES, create: ORG_ADMIN_ROLES, cancel: ORG_ADMIN_ROLES },
};

export const JOURNAL: VoucherTypeDefinition = {
  ...CONTRA,
  type: 'journal',
  label: 'Journal voucher',
  pluralLabel: 'Journal vouchers',
  navLabel: 'Journal',
  defaultPrefix: 'JV',
  posting: { kind: 'ledger_lines', minLines: 2 },
};

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

export const FUTURE_VOUCHER_TYPES = [RECEIPT, PAYMENT, CONTRA, JOURNAL, CREDIT_NOTE, DEBIT_NOTE] as const;
