import type { PartyKind } from '../masters';
import type { Role } from '../roles';
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
