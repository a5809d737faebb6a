import { z } from 'zod';
import { PARTY_KINDS, type PartyKind } from '../masters';
import { ROLES, type Role } from '../roles';
import type { SupplyRule } from '../gst/place-of-supply';

/**
 * A voucher type is a definition (CONVENTIONS.md, "One engine, many voucher types"): everything
 * that differs between a sales invoice, a receipt or a credit note is said here, as plain data, and
 * the engine (numbering, tax, stock, lifecycle, listing, email), the API routes, the permission
 * table, the dashboard and the web pages follow from the list of definitions. Definitions are
 * serialisable: the API publishes them (`GET /api/v1/voucher-types`) and the web app builds its
 * navigation and pages from what it is sent.
 */

/** A route segment and the `voucher_type` stored on every voucher: lower case, digits and dashes. */
export const VOUCHER_TYPE_RE = /^[a-z][a-z0-9-]{1,30}$/;
export type VoucherType = string;

export const STOCK_DIRECTIONS = ['in', 'out', 'none'] as const;
export type StockDirection = (typeof STOCK_DIRECTIONS)[number];

/** Items: product, quantity, rate, GST (invoices, notes). Ledger: account, debit or credit, amount (journal, contra). None: the amount is a header field (receipt, payment). */
export const LINE_KINDS = ['items', 'ledger', 'none'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** The product price an item line starts at when the request gives none: what a sale sells at, what a purchase buys at. */
export const PRODUCT_PRICES = ['sale', 'purchase'] as const;
export type ProductPrice = (typeof PRODUCT_PRICES)[number];

export const SUPPLY_RULES = ['organization_supplies', 'party_supplies'] as const satisfies readonly SupplyRule[];

/** The default ledgers of BOOKS.md that a posting rule may name (created for every organisation by the books issue). */
export const SYSTEM_LEDGERS = [
  'sales',
  'purchase',
  'output_cgst',
  'output_sgst',
  'output_igst',
  'input_cgst',
  'input_sgst',
  'input_igst',
  'round_off',
  'cash',
] as const;
export type SystemLedger = (typeof SYSTEM_LEDGERS)[number];

/** The default groups of BOOKS.md that a ledger field or a posting rule may be limited to. */
export const SYSTEM_GROUPS = [
  'cash_in_hand',
  'bank_accounts',
  'sundry_debtors',
  'sundry_creditors',
  'duties_and_taxes',
  'sales_accounts',
  'purchase_accounts',
  'direct_expenses',
  'indirect_expenses',
  'direct_incomes',
  'indirect_incomes',
  'loans_liability',
  'capital_account',
  'current_assets',
  'current_liabilities',
] as const;
export type SystemGroup = (typeof SYSTEM_GROUPS)[number];

export const HEADER_FIELD_KINDS = ['text', 'date', 'state_code', 'money', 'ledger', 'choice'] as const;
export type HeaderFieldKind = (typeof HEADER_FIELD_KINDS)[number];

/** A header field a type carries beyond the common ones (party, date, notes, send_email). */
export interface HeaderFieldSpec {
  /** The request and response field (snake_case). */
  name: string;
  label: string;
  kind: HeaderFieldKind;
  required?: boolean;
  /** text: the longest value accepted. */
  maxLength?: number;
  /** choice: the values offered. */
  options?: readonly { value: string; label: string }[];
  /** ledger: only ledgers under these groups may be named. */
  ledgerGroups?: readonly SystemGroup[];
  /** Shown and accepted only when another field holds one of these values (a cheque's number when the mode is cheque). */
  when?: { field: string; in: readonly string[] };
  description?: string;
}

/** What a voucher made against another may take from it. */
export const AGAINST_TAKES = ['party', 'place_of_supply', 'line_items', 'line_rates', 'outstanding'] as const;
export type AgainstTake = (typeof AGAINST_TAKES)[number];

/**
 * A voucher made against others: a credit note against the one invoice it returns (its lines, at
 * the original's rates, within what earlier notes left), a receipt against the open bills it
 * settles (each allocation within the bill's outstanding, the rest on account).
 */
export interface AgainstRule {
  types: readonly VoucherType[];
  /** `return`: lines copied from one original; `settlement`: amounts allocated to open bills. */
  purpose: 'return' | 'settlement';
  cardinality: 'one' | 'many';
  /** A note must name its invoice; a receipt may stay wholly on account. */
  required: boolean;
  /** The original must be of the same party. */
  sameParty: boolean;
  /** The voucher may not be dated before the original. */
  onOrAfterOriginal: boolean;
  takes: readonly AgainstTake[];
  /** What all the vouchers made against one original may not exceed together (checked under concurrency). */
  limit: 'remaining_quantity_and_value' | 'outstanding';
}

/** The ledger a posting entry goes to. */
export type PostingAccount =
  | { from: 'party' }
  | { from: 'system'; ledger: SystemLedger }
  /** The ledger a header field of kind `ledger` names (the cash or bank ledger of a receipt). */
  | { from: 'header'; field: string }
  /** The party's ledger when the voucher has a party, else the ledger the header field names (a receipt from a loan). */
  | { from: 'party_or_header'; field: string };

/** The voucher figure an entry posts: totals of item lines, or the header `amount`. */
export const POSTING_AMOUNTS = ['grand_total', 'taxable_total', 'cgst_total', 'sgst_total', 'igst_total', 'round_off', 'amount'] as const;
export type PostingAmount = (typeof POSTING_AMOUNTS)[number];

export interface PostingEntry {
  side: 'debit' | 'credit';
  account: PostingAccount;
  amount: PostingAmount;
  /** A negative figure posts its absolute value on the other side (round-off); otherwise it must not be negative. */
  negativeToOtherSide?: boolean;
}

/**
 * How a voucher posts to the ledger (BOOKS.md, "Every voucher posts balanced entries"): fixed
 * entries from the voucher's figures, or its own ledger lines (each on one side, the sides equal).
 * The books issue executes it; zero amounts post nothing.
 */
export type PostingRule =
  { kind: 'entries'; entries: readonly PostingEntry[] } | { kind: 'ledger_lines'; minLines: number; ledgerGroups?: readonly SystemGroup[] };

/** How a voucher is printed as a PDF: the layout the API draws it with, and what that layout prints for this type. */
export const DOCUMENT_LAYOUTS = ['tax_invoice', 'payment_receipt'] as const;
export type DocumentLayout = (typeof DOCUMENT_LAYOUTS)[number];

export interface DocumentSpec {
  /**
   * `tax_invoice`: supplier and recipient, item lines with HSN and GST, totals in words (invoices,
   * credit and debit notes; a note also prints the invoice it is made against and its reason).
   * `payment_receipt`: who paid, the amount in figures and words, how it was paid and the bills it
   * settles (a receipt).
   */
  layout: DocumentLayout;
  /** The document's heading: "Tax Invoice", "Credit Note". */
  title: string;
  /** The label of the voucher number: "Invoice no.". */
  numberLabel: string;
  /** Carries a UPI QR for the amount the party still owes (a sales invoice), when the organisation has a UPI ID. */
  upiQr: boolean;
}

export interface VoucherTypeDefinition {
  type: VoucherType;
  /** "Sales voucher": headings, buttons, email subject. */
  label: string;
  pluralLabel: string;
  /** "Sales": the navigation link. */
  navLabel: string;
  /** The prefix of a new series (each organisation may change it per type, see `voucher_series`). */
  defaultPrefix: string;
  /** The party the voucher is made out to, or none (contra, journal). Its request field is `<kind>_id`. */
  party: { kind: PartyKind; required: boolean } | null;
  stockDirection: StockDirection;
  /** How the place of supply and the CGST/SGST or IGST split are decided; none for vouchers without GST. */
  supplyRule: SupplyRule | null;
  headerFields: readonly HeaderFieldSpec[];
  lines: LineKind;
  /** Item lines: which of the product's prices a line defaults to (`sale_price` or `purchase_price`). Required with item lines. */
  defaultPrice?: ProductPrice;
  against: AgainstRule | null;
  posting: PostingRule | null;
  /** Its PDF (`GET /vouchers/<type>/<id>/pdf`); a type without one has no PDF. */
  document?: DocumentSpec;
  /** Who may list and read, create, and cancel vouchers of this type (the API and the web app's access table both follow it). */
  roles: { read: readonly Role[]; create: readonly Role[]; cancel: readonly Role[] };
}

const roleList = z.array(z.enum(ROLES)).min(1);
const systemGroups = z.array(z.enum(SYSTEM_GROUPS)).min(1);

const headerFieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  kind: z.enum(HEADER_FIELD_KINDS),
  required: z.boolean().optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
  options: z
    .array(z.object({ value: z.string().min(1), label: z.string().min(1) }))
    .min(1)
    .optional(),
  ledgerGroups: systemGroups.optional(),
  when: z.object({ field: z.string(), in: z.array(z.string()).min(1) }).optional(),
  description: z.string().optional(),
});

const accountSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('party') }),
  z.object({ from: z.literal('system'), ledger: z.enum(SYSTEM_LEDGERS) }),
  z.object({ from: z.literal('header'), field: z.string() }),
  z.object({ from: z.literal('party_or_header'), field: z.string() }),
]);

const postingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('entries'),
    entries: z
      .array(
        z.object({
          side: z.enum(['debit', 'credit']),
          account: accountSchema,
          amount: z.enum(POSTING_AMOUNTS),
          negativeToOtherSide: z.boolean().optional(),
        }),
      )
      .min(2),
  }),
  z.object({ kind: z.literal('ledger_lines'), minLines: z.number().int().min(2), ledgerGroups: systemGroups.optional() }),
]);

/**
 * The shape of a definition, with the rules that tie its parts together (a posting that names a
 * header ledger needs that field, item totals need item lines, and so on). Registering a type
 * checks it; the published list is validated against it too.
 */
export const voucherTypeDefinitionSchema = z
  .object({
    type: z.string().regex(VOUCHER_TYPE_RE, { message: 'must be 2-31 lower-case letters, digits or dashes, starting with a letter' }),
    label: z.string().min(1),
    pluralLabel: z.string().min(1),
    navLabel: z.string().min(1),
    defaultPrefix: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,4}$/),
    party: z.object({ kind: z.enum(PARTY_KINDS), required: z.boolean() }).nullable(),
    stockDirection: z.enum(STOCK_DIRECTIONS),
    supplyRule: z.enum(SUPPLY_RULES).nullable(),
    headerFields: z.array(headerFieldSchema),
    lines: z.enum(LINE_KINDS),
    defaultPrice: z.enum(PRODUCT_PRICES).optional(),
    against: z
      .object({
        types: z.array(z.string().regex(VOUCHER_TYPE_RE)).min(1),
        purpose: z.enum(['return', 'settlement']),
        cardinality: z.enum(['one', 'many']),
        required: z.boolean(),
        sameParty: z.boolean(),
        onOrAfterOriginal: z.boolean(),
        takes: z.array(z.enum(AGAINST_TAKES)),
        limit: z.enum(['remaining_quantity_and_value', 'outstanding']),
      })
      .nullable(),
    posting: postingSchema.nullable(),
    document: z
      .object({ layout: z.enum(DOCUMENT_LAYOUTS), title: z.string().min(1), numberLabel: z.string().min(1), upiQr: z.boolean() })
      .optional(),
    roles: z.object({ read: roleList, create: roleList, cancel: roleList }),
  })
  .superRefine((def, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const fields = new Map(def.headerFields.map((f) => [f.name, f]));
    if (fields.size !== def.headerFields.length) problem(['headerFields'], 'names a field twice');
    def.headerFields.forEach((f, i) => {
      if (f.kind === 'choice' && !f.options) problem(['headerFields', i, 'options'], 'a choice needs options');
      if (f.kind !== 'choice' && f.options) problem(['headerFields', i, 'options'], 'only a choice has options');
      if (f.kind !== 'ledger' && f.ledgerGroups) problem(['headerFields', i, 'ledgerGroups'], 'only a ledger field has groups');
      if (f.when && !fields.has(f.when.field)) problem(['headerFields', i, 'when'], `names no field "${f.when.field}"`);
    });
    if (def.stockDirection !== 'none' && def.lines !== 'items') problem(['stockDirection'], 'only item lines move stock');
    if (def.supplyRule && def.lines !== 'items') problem(['supplyRule'], 'GST is computed on item lines only');
    if (def.lines === 'items' && !def.supplyRule) problem(['supplyRule'], 'item lines carry GST: name a supply rule');
    if (def.lines === 'items' && !def.defaultPrice)
      problem(['defaultPrice'], 'item lines start at a product price: name it (sale or purchase)');
    if (def.lines !== 'items' && def.defaultPrice) problem(['defaultPrice'], 'only item lines have a product price');
    if (def.supplyRule && !def.party) problem(['supplyRule'], 'the place of supply needs a party');
    if (def.lines === 'none' && !fields.has('amount')) problem(['headerFields'], 'a voucher without lines needs an `amount` field');
    if (def.against?.takes.some((t) => t === 'line_items' || t === 'line_rates') && def.lines !== 'items') {
      problem(['against', 'takes'], 'only item lines can be taken from the original');
    }
    if (def.against?.sameParty && !def.party) problem(['against', 'sameParty'], 'the same party needs a party');
    const posting = def.posting;
    if (posting?.kind === 'ledger_lines' && def.lines !== 'ledger') problem(['posting'], 'ledger-line posting needs ledger lines');
    if (def.lines === 'ledger' && posting?.kind !== 'ledger_lines') problem(['posting'], 'ledger lines post as themselves');
    if (posting?.kind === 'entries') {
      const sides = new Set(posting.entries.map((e) => e.side));
      if (sides.size < 2) problem(['posting', 'entries'], 'needs a debit and a credit');
      posting.entries.forEach((e, i) => {
        const at = ['posting', 'entries', i];
        if (e.amount === 'amount' ? !fields.has('amount') : def.lines !== 'items') {
          problem([...at, 'amount'], `${e.amount} is not a figure this voucher has`);
        }
        if ((e.account.from === 'party' || (e.account.from === 'party_or_header' && def.party?.required)) && !def.party) {
          problem([...at, 'account'], 'the voucher has no party');
        }
        if (e.account.from === 'header' || e.account.from === 'party_or_header') {
          const field = fields.get(e.account.field);
          if (field?.kind !== 'ledger') problem([...at, 'account'], `"${e.account.field}" is not a ledger field`);
        }
      });
    }
    if (def.document?.layout === 'tax_invoice' && (def.lines !== 'items' || !def.party)) {
      problem(['document', 'layout'], 'a tax invoice prints a party and item lines');
    }
    if (def.document?.layout === 'payment_receipt' && def.lines !== 'none') {
      problem(['document', 'layout'], 'a payment receipt prints an amount, not lines');
    }
    if (def.document?.upiQr && def.party?.kind !== 'customer') problem(['document', 'upiQr'], 'only a customer pays by UPI');
    for (const key of ['create', 'cancel'] as const) {
      if (def.roles[key].some((r) => !def.roles.read.includes(r))) problem(['roles', key], 'whoever may do this must be able to read');
    }
  });

/**
 * Whether vouchers of this type are emailed to their party (with their PDF): invoices and notes
 * (item lines), and a type with a printed receipt.
 */
export function isEmailedType(def: Pick<VoucherTypeDefinition, 'lines' | 'party' | 'document'>): boolean {
  return def.party !== null && (def.lines === 'items' || def.document?.layout === 'payment_receipt');
}

/** The request field that names the voucher's party: `customer_id`, `vendor_id`. */
export function partyFieldOf(def: Pick<VoucherTypeDefinition, 'party'>): string | null {
  return def.party ? `${def.party.kind}_id` : null;
}

export function partyLabelOf(def: Pick<VoucherTypeDefinition, 'party'>): string {
  if (!def.party) return 'Party';
  return def.party.kind === 'customer' ? 'Customer' : 'Vendor';
}

export function hasHeaderField(def: Pick<VoucherTypeDefinition, 'headerFields'>, name: string): boolean {
  return def.headerFields.some((f) => f.name === name);
}

/** +1 adds line quantities to stock, -1 takes them out, 0 leaves stock alone. */
export function stockSign(def: Pick<VoucherTypeDefinition, 'stockDirection'>): 1 | -1 | 0 {
  return def.stockDirection === 'in' ? 1 : def.stockDirection === 'out' ? -1 : 0;
}

/**
 * A definition as `GET /api/v1/voucher-types` sends it (snake_case, as every answer): the web
 * app turns it back with `camelizeKeys` and checks it with `voucherTypeDefinitionSchema`.
 */
const wireAccount = z.discriminatedUnion('from', [
  z.object({ from: z.literal('party') }),
  z.object({ from: z.literal('system'), ledger: z.enum(SYSTEM_LEDGERS) }),
  z.object({ from: z.literal('header'), field: z.string() }),
  z.object({ from: z.literal('party_or_header'), field: z.string() }),
]);

export const voucherTypeWireSchema = z
  .object({
    type: z.string(),
    label: z.string(),
    plural_label: z.string(),
    nav_label: z.string(),
    default_prefix: z.string(),
    party: z.object({ kind: z.enum(PARTY_KINDS), required: z.boolean() }).nullable(),
    stock_direction: z.enum(STOCK_DIRECTIONS),
    supply_rule: z.enum(SUPPLY_RULES).nullable(),
    header_fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        kind: z.enum(HEADER_FIELD_KINDS),
        required: z.boolean().optional(),
        max_length: z.number().int().optional(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
        ledger_groups: z.array(z.enum(SYSTEM_GROUPS)).optional(),
        when: z.object({ field: z.string(), in: z.array(z.string()) }).optional(),
        description: z.string().optional(),
      }),
    ),
    lines: z.enum(LINE_KINDS),
    default_price: z.enum(PRODUCT_PRICES).optional().meta({ description: "Item lines: the product's price a line defaults to" }),
    against: z
      .object({
        types: z.array(z.string()),
        purpose: z.enum(['return', 'settlement']),
        cardinality: z.enum(['one', 'many']),
        required: z.boolean(),
        same_party: z.boolean(),
        on_or_after_original: z.boolean(),
        takes: z.array(z.enum(AGAINST_TAKES)),
        limit: z.enum(['remaining_quantity_and_value', 'outstanding']),
      })
      .nullable(),
    posting: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('entries'),
          entries: z.array(
            z.object({
              side: z.enum(['debit', 'credit']),
              account: wireAccount,
              amount: z.enum(POSTING_AMOUNTS),
              negative_to_other_side: z.boolean().optional(),
            }),
          ),
        }),
        z.object({
          kind: z.literal('ledger_lines'),
          min_lines: z.number().int(),
          ledger_groups: z.array(z.enum(SYSTEM_GROUPS)).optional(),
        }),
      ])
      .nullable(),
    document: z
      .object({ layout: z.enum(DOCUMENT_LAYOUTS), title: z.string(), number_label: z.string(), upi_qr: z.boolean() })
      .optional()
      .meta({ description: 'Its PDF layout (`GET /api/v1/vouchers/{type}/{id}/pdf`); absent: the type has no PDF' }),
    roles: z.object({ read: z.array(z.enum(ROLES)), create: z.array(z.enum(ROLES)), cancel: z.array(z.enum(ROLES)) }),
  })
  .meta({ id: 'VoucherTypeDefinition' });

export const voucherTypeListSchema = z.object({ items: z.array(voucherTypeWireSchema) }).meta({ id: 'VoucherTypeList' });
