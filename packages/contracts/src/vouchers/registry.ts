import { ORG_ADMIN_ROLES, ORG_ROLES } from '../roles';
import type { HeaderFieldSpec, VoucherType, VoucherTypeDefinition } from './definition';
import { voucherTypeDefinitionSchema } from './definition.schema';

/**
 * The voucher types this installation knows, in the order the navigation lists them: sales,
 * purchase, receipt, payment, contra and journal, then the notes made against invoices. A test may
 * register a type of its own before it builds the app (the engine then serves it like any other).
 */

const SALES: VoucherTypeDefinition = {
  type: 'sales',
  label: 'Sales voucher',
  pluralLabel: 'Sales vouchers',
  navLabel: 'Sales',
  defaultPrefix: 'SV',
  party: { kind: 'customer', required: true },
  stockDirection: 'out',
  supplyRule: 'organization_supplies',
  headerFields: [
    { name: 'due_date', label: 'Due date', kind: 'date' },
    {
      name: 'place_of_supply',
      label: 'Place of supply',
      kind: 'state_code',
      description: "GST state code; defaults to the customer's, else ours",
    },
    { name: 'reference', label: 'Reference (PO / order no.)', kind: 'text', maxLength: 100 },
  ],
  lines: 'items',
  defaultPrice: 'sale',
  against: null,
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'party' }, amount: 'grand_total' },
      { side: 'credit', account: { from: 'system', ledger: 'sales' }, amount: 'taxable_total' },
      { side: 'credit', account: { from: 'system', ledger: 'output_cgst' }, amount: 'cgst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'output_sgst' }, amount: 'sgst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'output_igst' }, amount: 'igst_total' },
      { side: 'credit', account: { from: 'system', ledger: 'round_off' }, amount: 'round_off', negativeToOtherSide: true },
    ],
  },
  document: { layout: 'tax_invoice', title: 'Tax Invoice', numberLabel: 'Invoice no.', upiQr: true },
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};

const PURCHASE: VoucherTypeDefinition = {
  type: 'purchase',
  label: 'Purchase voucher',
  pluralLabel: 'Purchase vouchers',
  navLabel: 'Purchase',
  defaultPrefix: 'PV',
  party: { kind: 'vendor', required: true },
  stockDirection: 'in',
  supplyRule: 'party_supplies',
  headerFields: [
    { name: 'due_date', label: 'Due date', kind: 'date' },
    { name: 'supplier_invoice_number', label: 'Supplier invoice no.', kind: 'text', maxLength: 50 },
    { name: 'supplier_invoice_date', label: 'Supplier invoice date', kind: 'date' },
  ],
  lines: 'items',
  defaultPrice: 'purchase',
  against: null,
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'system', ledger: 'purchase' }, amount: 'taxable_total' },
      { side: 'debit', account: { from: 'system', ledger: 'input_cgst' }, amount: 'cgst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'input_sgst' }, amount: 'sgst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'input_igst' }, amount: 'igst_total' },
      { side: 'debit', account: { from: 'system', ledger: 'round_off' }, amount: 'round_off', negativeToOtherSide: true },
      { side: 'credit', account: { from: 'party' }, amount: 'grand_total' },
    ],
  },
  document: { layout: 'tax_invoice', title: 'Purchase Voucher', numberLabel: 'Voucher no.', upiQr: false },
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};

/** The reasons GST allows for a credit or debit note (BOOKS.md, "Returns"), as the GST portal lists them. */
export const NOTE_REASONS = [
  { value: 'sales_return', label: 'Sales return' },
  { value: 'post_sale_discount', label: 'Post-sale discount' },
  { value: 'deficiency_in_services', label: 'Deficiency in services' },
  { value: 'correction_in_invoice', label: 'Correction in invoice' },
  { value: 'change_in_pos', label: 'Change in place of supply' },
  { value: 'others', label: 'Others' },
] as const;

const noteFields: HeaderFieldSpec[] = [
  { name: 'reason', label: 'Reason', kind: 'choice', required: true, options: NOTE_REASONS },
  { name: 'reference', label: 'Reference', kind: 'text', maxLength: 100 },
];

/**
 * A credit note (sales return, BOOKS.md "Returns"): against one sales invoice of the same customer,
 * line by line at the original's rate, GST and place of supply; goods come back at the cost they
 * left at; the mirror of the sale's entries; allocated to the invoice's bill, the excess on account.
 */
const CREDIT_NOTE: VoucherTypeDefinition = {
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

/** A debit note (purchase return): the mirror of a credit note against one purchase invoice; goods leave at the cost they came in at. */
const DEBIT_NOTE: VoucherTypeDefinition = {
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
  document: { layout: 'tax_invoice', title: 'Debit Note', numberLabel: 'Debit note no.', upiQr: false },
};

/** How a receipt's or payment's money moved. */
export const PAYMENT_MODES = ['cash', 'cheque', 'bank_transfer', 'upi'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** A receipt's or payment's money side: which cash or bank ledger, how much, how it moved (a cheque's number and date, a transfer's reference). */
const MONEY_FIELDS: HeaderFieldSpec[] = [
  { name: 'cash_bank_ledger_id', label: 'Cash or bank', kind: 'ledger', required: true, ledgerGroups: ['cash_in_hand', 'bank_accounts'] },
  {
    name: 'other_ledger_id',
    label: 'Other ledger (instead of a party)',
    kind: 'ledger',
    description: "Any ledger but a party's or a cash or bank one (a loan, capital, an income or expense), when the voucher names no party",
  },
  { name: 'amount', label: 'Amount', kind: 'money', required: true },
  {
    name: 'mode',
    label: 'Mode',
    kind: 'choice',
    required: true,
    options: [
      { value: 'cash', label: 'Cash' },
      { value: 'cheque', label: 'Cheque' },
      { value: 'bank_transfer', label: 'Bank transfer' },
      { value: 'upi', label: 'UPI' },
    ],
  },
  { name: 'instrument_number', label: 'Cheque no.', kind: 'text', maxLength: 20, required: true, when: { field: 'mode', in: ['cheque'] } },
  { name: 'instrument_date', label: 'Cheque date', kind: 'date', required: true, when: { field: 'mode', in: ['cheque'] } },
  {
    name: 'transfer_reference',
    label: 'UTR / reference',
    kind: 'text',
    maxLength: 40,
    required: true,
    when: { field: 'mode', in: ['bank_transfer', 'upi'] },
  },
];

/** BOOKS.md: Dr cash or bank, Cr the customer (or another ledger); allocated to the customer's open sales bills, the rest on account. */
const RECEIPT: VoucherTypeDefinition = {
  type: 'receipt',
  label: 'Receipt',
  pluralLabel: 'Receipts',
  navLabel: 'Receipts',
  defaultPrefix: 'RC',
  party: { kind: 'customer', required: false },
  stockDirection: 'none',
  supplyRule: null,
  headerFields: MONEY_FIELDS,
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
  document: { layout: 'payment_receipt', title: 'Payment Receipt', numberLabel: 'Receipt no.', upiQr: false },
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};

/** BOOKS.md: Dr the vendor (or another ledger, an expense), Cr cash or bank; allocated to the vendor's open purchase bills. */
const PAYMENT: VoucherTypeDefinition = {
  ...RECEIPT,
  type: 'payment',
  label: 'Payment',
  pluralLabel: 'Payments',
  navLabel: 'Payments',
  defaultPrefix: 'PY',
  party: { kind: 'vendor', required: false },
  against: { ...RECEIPT.against!, types: ['purchase'] },
  document: undefined,
  posting: {
    kind: 'entries',
    entries: [
      { side: 'debit', account: { from: 'party_or_header', field: 'other_ledger_id' }, amount: 'amount' },
      { side: 'credit', account: { from: 'header', field: 'cash_bank_ledger_id' }, amount: 'amount' },
    ],
  },
};

/** BOOKS.md: money between cash and bank ledgers only, as balanced ledger lines. Admins only (issue 15 item 9). */
const CONTRA: VoucherTypeDefinition = {
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

/** BOOKS.md: any ledgers, two or more lines that balance. Admins only (issue 15 item 9). */
const JOURNAL: VoucherTypeDefinition = {
  ...CONTRA,
  type: 'journal',
  label: 'Journal voucher',
  pluralLabel: 'Journal vouchers',
  navLabel: 'Journal',
  defaultPrefix: 'JV',
  posting: { kind: 'ledger_lines', minLines: 2 },
};

const registry = new Map<VoucherType, VoucherTypeDefinition>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Adds a type: its definition is checked against the shape (422-style messages naming the part at
 * fault), its name and default prefix must be new, and the types it is made against must exist.
 * Register before the API is built: routes are made from the list at start.
 */
export function registerVoucherType(definition: VoucherTypeDefinition): VoucherTypeDefinition {
  const parsed = voucherTypeDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(definition)'}: ${i.message}`);
    throw new Error(`Voucher type "${definition.type}" is not a valid definition: ${problems.join('; ')}`);
  }
  if (registry.has(definition.type)) throw new Error(`Voucher type "${definition.type}" is already registered`);
  const clash = [...registry.values()].find((d) => d.defaultPrefix === definition.defaultPrefix);
  if (clash) throw new Error(`Voucher type "${definition.type}": prefix ${definition.defaultPrefix} is already the ${clash.type} prefix`);
  for (const type of definition.against?.types ?? []) {
    if (!registry.has(type)) throw new Error(`Voucher type "${definition.type}" is made against "${type}", which is not registered`);
  }
  const frozen = deepFreeze(structuredClone(definition));
  registry.set(frozen.type, frozen);
  return frozen;
}

/**
 * Removes a type that `registerVoucherType` added, for a process that needs one only for a while:
 * a test file that registers its own type runs in a test worker that goes on to run other files
 * (README "CI time"), which must not see it. Routes are made from the list when an app is built, so
 * close an app built with the type before removing it. The built-in types cannot be removed, nor a
 * type that another registered type is made against (remove that one first).
 */
export function unregisterVoucherType(type: VoucherType): void {
  if (!registry.has(type)) throw new Error(`Voucher type "${type}" is not registered`);
  if ([...Object.values(BUILT_IN_VOUCHER_TYPES), ...Object.values(NOTE_VOUCHER_TYPES)].some((d) => d.type === type))
    throw new Error(`Voucher type "${type}" is built in and cannot be removed`);
  const dependent = [...registry.values()].find((d) => d.against?.types.includes(type));
  if (dependent) throw new Error(`Voucher type "${type}" cannot be removed: "${dependent.type}" is made against it`);
  registry.delete(type);
}

/** Every registered type, in registration order. */
export function voucherTypes(): readonly VoucherTypeDefinition[] {
  return [...registry.values()];
}

export function findVoucherType(type: string): VoucherTypeDefinition | undefined {
  return registry.get(type);
}

/** The built-in types, for code and tests that need one by name. */
export const BUILT_IN_VOUCHER_TYPES = {
  sales: registerVoucherType(SALES),
  purchase: registerVoucherType(PURCHASE),
  receipt: registerVoucherType(RECEIPT),
  payment: registerVoucherType(PAYMENT),
  contra: registerVoucherType(CONTRA),
  journal: registerVoucherType(JOURNAL),
} as const;

/** The notes made against them (issue 16). */
export const NOTE_VOUCHER_TYPES = { creditNote: registerVoucherType(CREDIT_NOTE), debitNote: registerVoucherType(DEBIT_NOTE) } as const;
