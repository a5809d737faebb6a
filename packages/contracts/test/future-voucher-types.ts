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

export const FUTURE_VOUCHER_TYPES = [RECEIPT, PAYMENT, CONTRA, JOURNAL] as const;
