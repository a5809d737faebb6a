/**
 * What "your data" holds (issue 18 item 5): every table of an organisation's business data, one
 * CSV file each, in this order. Columns are read from the database's catalogue when the file is
 * made, so a column a migration adds is exported without a change here; `omit` names the columns
 * that are secrets, not data (password hashes, link tokens). Left out on purpose: sign-in
 * sessions, second-factor secrets and recovery codes, password reset codes, idempotency keys,
 * rate-limit counters (security state), and the day and month totals of ledgers and stock values (derived
 * from `ledger_entries` and `stock_ledger`, which are exported).
 */
export interface DataTable {
  name: string;
  about: string;
  /** Rows of the organisation: its own row for `organizations`, else `organization_id`. */
  key: 'id' | 'organization_id';
  orderBy: readonly string[];
  omit?: readonly string[];
  notes?: Readonly<Record<string, string>>;
}

export const DATA_TABLES: readonly DataTable[] = [
  {
    name: 'organizations',
    about: 'The organisation: its profile, GST registration, books start and lock dates, settings',
    key: 'id',
    orderBy: ['id'],
  },
  {
    name: 'users',
    about: 'Its users and their roles (password hashes are not exported)',
    key: 'organization_id',
    orderBy: ['created_at', 'id'],
    omit: ['password_hash'],
  },
  {
    name: 'account_groups',
    about: 'The chart of accounts: groups (nature asset, liability, income or expense; parent_id the group above)',
    key: 'organization_id',
    orderBy: ['sort_order', 'name', 'id'],
  },
  {
    name: 'ledgers',
    about: 'Ledgers (accounts) under their group; a party ledger names its party',
    key: 'organization_id',
    orderBy: ['name', 'id'],
    notes: { opening_balance: 'As on the books start date: positive a debit, negative a credit' },
  },
  {
    name: 'parties',
    about: 'Customers and vendors (kind)',
    key: 'organization_id',
    orderBy: ['kind', 'name', 'id'],
  },
  {
    name: 'products',
    about: 'Products and services with unit, HSN/SAC, GST rate and prices',
    key: 'organization_id',
    orderBy: ['name', 'id'],
  },
  {
    name: 'voucher_series',
    about: 'Voucher numbering: the next number per voucher type and financial year',
    key: 'organization_id',
    orderBy: ['voucher_type', 'fiscal_year'],
  },
  {
    name: 'vouchers',
    about: 'Every voucher (sales, purchase, receipts, payments, contra, journals, credit and debit notes): header and totals',
    key: 'organization_id',
    orderBy: ['voucher_date', 'voucher_type', 'seq', 'id'],
    notes: { status: 'active or cancelled (a cancelled voucher keeps its number; its ledger entries are reversed)' },
  },
  {
    name: 'voucher_lines',
    about: 'The item lines of sales, purchase and note vouchers (voucher_id names the voucher)',
    key: 'organization_id',
    orderBy: ['voucher_id', 'line_no'],
  },
  {
    name: 'voucher_ledger_lines',
    about: 'The ledger lines of journals and contra vouchers: positive a debit, negative a credit',
    key: 'organization_id',
    orderBy: ['voucher_id', 'line_no'],
  },
  {
    name: 'ledger_entries',
    about: 'The books: every ledger entry of every voucher; each voucher balances (the amounts sum to zero)',
    key: 'organization_id',
    orderBy: ['entry_date', 'voucher_id', 'is_reversal', 'line_no'],
    notes: { amount: 'Positive a debit, negative a credit', is_reversal: 'true: the reversal written when the voucher was cancelled' },
  },
  {
    name: 'bills',
    about: 'Bills of parties (invoices and opening bills) with their outstanding amount',
    key: 'organization_id',
    orderBy: ['bill_date', 'id'],
    notes: { voucher_id: 'Empty for an opening bill' },
  },
  {
    name: 'bill_allocations',
    about: 'Receipts, payments and notes allocated against bills',
    key: 'organization_id',
    orderBy: ['allocated_on', 'id'],
    notes: { released_at: 'Set when the allocating voucher was cancelled' },
  },
  {
    name: 'bill_reminders',
    about: 'Payment reminders sent for overdue bills',
    key: 'organization_id',
    orderBy: ['reminded_on', 'id'],
  },
  {
    name: 'stock_ledger',
    about: 'Every stock movement per product, in order (seq), with the balance after it and its cost',
    key: 'organization_id',
    orderBy: ['product_id', 'seq'],
  },
  {
    name: 'stock_balances',
    about: 'Stock on hand per product now, with its weighted average cost and value',
    key: 'organization_id',
    orderBy: ['product_id'],
  },
  {
    name: 'gst_filed_periods',
    about: 'Months whose GSTR-1 is marked as filed',
    key: 'organization_id',
    orderBy: ['period'],
  },
  {
    name: 'share_links',
    about: 'Links shared to vouchers (the link tokens are not exported)',
    key: 'organization_id',
    orderBy: ['created_at', 'id'],
    omit: ['token_hash'],
  },
  {
    name: 'email_messages',
    about: 'Emails sent or queued (vouchers, reminders, statements) and their delivery state',
    key: 'organization_id',
    orderBy: ['created_at', 'id'],
  },
  {
    name: 'audit_events',
    about: "The audit trail: who did what and when; each event's hash chains it to the one before",
    key: 'organization_id',
    orderBy: ['chain_key', 'seq'],
  },
];
