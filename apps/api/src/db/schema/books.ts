import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations, users } from './accounts';
import { timestamps } from './columns';
import { parties, products } from './masters';
import { vouchers } from './vouchers';

/**
 * The books of account (BOOKS.md, issue 15): the chart of accounts, the double entry under every
 * voucher, the day totals the statements are read from, and the bills of parties. Money is
 * `numeric(14,2)` rupees like every other amount of the product; a ledger amount is signed,
 * debit positive and credit negative, so a voucher balances when its amounts add up to zero.
 */

const money = () => numeric({ precision: 14, scale: 2 });
/** Sums over many vouchers: two more digits of headroom than one voucher's amounts. */
const total = () => numeric({ precision: 16, scale: 2 });

export const ACCOUNT_NATURES = ['asset', 'liability', 'income', 'expense'] as const;

/**
 * The tree of groups. The defaults of BOOKS.md are seeded per organisation by the SQL function
 * `tritiq_seed_books` (migration 0014), each with a `system_key`; a sub-group takes its primary
 * group's nature.
 */
export const accountGroups = pgTable(
  'account_groups',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    parentId: uuid(),
    name: text().notNull(),
    nature: text({ enum: ACCOUNT_NATURES }).notNull(),
    systemKey: text(),
    /** The order statements list groups in (Tally's order for the defaults; user groups after them). */
    sortOrder: integer().notNull().default(1000),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('account_groups_org_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    uniqueIndex('account_groups_org_system_key_uq')
      .on(t.organizationId, t.systemKey)
      .where(sql`${t.systemKey} IS NOT NULL`),
    unique('account_groups_org_id_uq').on(t.organizationId, t.id),
    index('account_groups_org_parent_idx').on(t.organizationId, t.parentId),
    foreignKey({ columns: [t.organizationId, t.parentId], foreignColumns: [t.organizationId, t.id] }),
    check('account_groups_nature_ck', sql`${t.nature} IN ('asset', 'liability', 'income', 'expense')`),
    check('account_groups_parent_ck', sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

/**
 * A ledger (an account): under one group; a default one has its `system_key` (the posting rules
 * name them: sales, output_cgst, …), a party's its `party_id` (one ledger per customer or vendor,
 * named after it). The opening balance is signed (Dr +, Cr −) as on the books' start date; for a
 * party it is the sum of its opening bills.
 */
export const ledgers = pgTable(
  'ledgers',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    groupId: uuid().notNull(),
    name: text().notNull(),
    systemKey: text(),
    partyId: uuid(),
    openingBalance: money().notNull().default('0'),
    isActive: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // Unique within its group: a customer and a vendor of the same name each have theirs.
    uniqueIndex('ledgers_org_group_name_uq').on(t.organizationId, t.groupId, sql`lower(${t.name})`),
    uniqueIndex('ledgers_org_system_key_uq')
      .on(t.organizationId, t.systemKey)
      .where(sql`${t.systemKey} IS NOT NULL`),
    uniqueIndex('ledgers_org_party_uq')
      .on(t.organizationId, t.partyId)
      .where(sql`${t.partyId} IS NOT NULL`),
    unique('ledgers_org_id_uq').on(t.organizationId, t.id),
    index('ledgers_org_group_idx').on(t.organizationId, t.groupId),
    index('ledgers_created_by_idx').on(t.createdBy),
    foreignKey({ columns: [t.organizationId, t.groupId], foreignColumns: [accountGroups.organizationId, accountGroups.id] }),
    // A party's ledger goes with the party (which cannot be deleted once a voucher names it).
    foreignKey({ columns: [t.organizationId, t.partyId], foreignColumns: [parties.organizationId, parties.id] }).onDelete('cascade'),
  ],
);

/**
 * The double entry: a voucher's rows (and, when it is cancelled, their exact reverse with
 * `is_reversal`, dated the voucher's own date). Written only by the posting statement.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    organizationId: uuid().notNull(),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id),
    isReversal: boolean().notNull().default(false),
    lineNo: integer().notNull(),
    ledgerId: uuid().notNull(),
    entryDate: date({ mode: 'string' }).notNull(),
    /** Debit positive, credit negative. */
    amount: money().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.voucherId, t.isReversal, t.lineNo] }),
    // The ledger statement: one ledger's entries in its page order (date, voucher, reversal, line), so
    // a keyset page is one index range read up to its limit, with no sort.
    index('ledger_entries_ledger_page_idx').on(t.organizationId, t.ledgerId, t.entryDate, t.voucherId, t.isReversal, t.lineNo),
    foreignKey({ columns: [t.organizationId, t.ledgerId], foreignColumns: [ledgers.organizationId, ledgers.id] }),
    check('ledger_entries_amount_ck', sql`${t.amount} <> 0`),
  ],
);

/**
 * Per ledger and day, the sum of its debits and of its credits, kept by the statement that
 * writes the entries: a balance as on any date is a sum of day totals, never a scan of entries.
 */
export const ledgerDayTotals = pgTable(
  'ledger_day_totals',
  {
    organizationId: uuid().notNull(),
    ledgerId: uuid().notNull(),
    entryDate: date({ mode: 'string' }).notNull(),
    debit: total().notNull().default('0'),
    credit: total().notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.ledgerId, t.entryDate] }),
    foreignKey({ columns: [t.organizationId, t.ledgerId], foreignColumns: [ledgers.organizationId, ledgers.id] }),
    check('ledger_day_totals_sides_ck', sql`${t.debit} >= 0 AND ${t.credit} >= 0`),
  ],
);

/** Sums over a month of many vouchers: two more digits of headroom than a day's. */
const monthTotal = () => numeric({ precision: 18, scale: 2 });

/**
 * Per ledger and calendar month (`month` is its first day), the sum of its debits and of its
 * credits, kept by the same statement as the day totals: a balance as on a date is the whole
 * months before it from here and the days of its own month from the day totals, so a statement
 * over years reads some twenty-odd rows per ledger instead of hundreds of days.
 */
export const ledgerMonthTotals = pgTable(
  'ledger_month_totals',
  {
    organizationId: uuid().notNull(),
    ledgerId: uuid().notNull(),
    month: date({ mode: 'string' }).notNull(),
    debit: monthTotal().notNull().default('0'),
    credit: monthTotal().notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.ledgerId, t.month] }),
    foreignKey({ columns: [t.organizationId, t.ledgerId], foreignColumns: [ledgers.organizationId, ledgers.id] }),
    check('ledger_month_totals_sides_ck', sql`${t.debit} >= 0 AND ${t.credit} >= 0`),
    check('ledger_month_totals_month_ck', sql`extract(day from ${t.month}) = 1`),
  ],
);

export const BILL_SIDES = ['receivable', 'payable'] as const;

/**
 * What a party owes us (receivable: a sales invoice, a customer's opening bill) or we owe it
 * (payable). `outstanding` is the amount less its live allocations, kept by guarded updates so it
 * never goes below zero; the status (unpaid, partly paid, paid, overdue on a date) follows from
 * amount, outstanding and due date. A cancelled invoice's bill keeps its row with `cancelled_at`.
 */
export const bills = pgTable(
  'bills',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().notNull(),
    partyId: uuid().notNull(),
    side: text({ enum: BILL_SIDES }).notNull(),
    /** The invoice, or none for an opening bill. */
    voucherId: uuid().references(() => vouchers.id),
    ref: text().notNull(),
    billDate: date({ mode: 'string' }).notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    amount: money().notNull(),
    outstanding: money().notNull(),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('bills_org_id_uq').on(t.organizationId, t.id),
    uniqueIndex('bills_voucher_uq')
      .on(t.voucherId)
      .where(sql`${t.voucherId} IS NOT NULL`),
    index('bills_party_idx').on(t.organizationId, t.partyId, t.billDate),
    // An opening bill is known by its reference: one of each per party.
    uniqueIndex('bills_opening_ref_uq')
      .on(t.organizationId, t.partyId, sql`lower(${t.ref})`)
      .where(sql`${t.voucherId} IS NULL`),
    // The outstanding report: open bills of one side by due date.
    index('bills_open_idx')
      .on(t.organizationId, t.side, t.dueDate)
      .where(sql`${t.outstanding} > 0 AND ${t.cancelledAt} IS NULL`),
    foreignKey({ columns: [t.organizationId, t.partyId], foreignColumns: [parties.organizationId, parties.id] }),
    check('bills_side_ck', sql`${t.side} IN ('receivable', 'payable')`),
    check('bills_outstanding_ck', sql`${t.outstanding} >= 0 AND ${t.outstanding} <= ${t.amount}`),
    check('bills_due_date_ck', sql`${t.dueDate} >= ${t.billDate}`),
  ],
);

/**
 * A payment reminder that named a bill (issue 17): by hand from the outstanding report or the
 * party's page, or by the daily job, which reminds a bill at most once every N days (the
 * organisation's `payment_reminder_every_days`) and reads this to know when it last did.
 */
export const billReminders = pgTable(
  'bill_reminders',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().notNull(),
    billId: uuid().notNull(),
    partyId: uuid().notNull(),
    /** The reminder message in the email log (`email_outbox`). */
    emailId: uuid().notNull(),
    /** The day (India) it was sent on. */
    remindedOn: date({ mode: 'string' }).notNull(),
    source: text({ enum: ['manual', 'automatic'] }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bill_reminders_bill_idx').on(t.organizationId, t.billId, t.remindedOn),
    foreignKey({ columns: [t.organizationId, t.billId], foreignColumns: [bills.organizationId, bills.id] }),
    check('bill_reminders_source_ck', sql`${t.source} IN ('manual', 'automatic')`),
  ],
);

/**
 * A receipt, payment or note settling a bill (or, with no bill, an amount on account: an advance
 * to be allocated later). Releasing (the allocating voucher cancelled) sets `released_at` and gives
 * the amount back to the bill in the same statement.
 */
export const billAllocations = pgTable(
  'bill_allocations',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().notNull(),
    partyId: uuid().notNull(),
    billId: uuid(),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id),
    amount: money().notNull(),
    /**
     * The day the allocation counts from (the outstanding as on a date leaves out later ones): set
     * when an advance on account is placed against a bill later than its voucher's date. Null means
     * the allocating voucher's date (never before the bill's), which is what an allocation made with
     * its receipt, payment or note counts from.
     */
    allocatedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The outstanding as on a past date: the live allocations to bills dated after it.
    index('bill_allocations_org_date_idx')
      .on(t.organizationId, t.allocatedOn)
      .where(sql`${t.releasedAt} IS NULL AND ${t.billId} IS NOT NULL AND ${t.allocatedOn} IS NOT NULL`),
    index('bill_allocations_bill_idx')
      .on(t.billId)
      .where(sql`${t.releasedAt} IS NULL`),
    index('bill_allocations_voucher_idx').on(t.voucherId),
    index('bill_allocations_on_account_idx')
      .on(t.organizationId, t.partyId)
      .where(sql`${t.billId} IS NULL AND ${t.releasedAt} IS NULL`),
    foreignKey({ columns: [t.organizationId, t.billId], foreignColumns: [bills.organizationId, bills.id] }),
    foreignKey({ columns: [t.organizationId, t.partyId], foreignColumns: [parties.organizationId, parties.id] }),
    check('bill_allocations_amount_ck', sql`${t.amount} > 0`),
  ],
);

/**
 * A journal's or contra's own lines (BOOKS.md: two or more, each one ledger and a positive amount
 * on one side, the sides equal): stored signed like the entries they post, debit positive.
 */
export const voucherLedgerLines = pgTable(
  'voucher_ledger_lines',
  {
    organizationId: uuid().notNull(),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    lineNo: integer().notNull(),
    ledgerId: uuid().notNull(),
    /** Debit positive, credit negative. */
    amount: money().notNull(),
    narration: text(),
  },
  (t) => [
    primaryKey({ columns: [t.voucherId, t.lineNo] }),
    index('voucher_ledger_lines_ledger_idx').on(t.organizationId, t.ledgerId),
    foreignKey({ columns: [t.organizationId, t.ledgerId], foreignColumns: [ledgers.organizationId, ledgers.id] }),
    check('voucher_ledger_lines_amount_ck', sql`${t.amount} <> 0`),
  ],
);

/** Per product and day, the change of quantity and of value (weighted average cost), kept with the stock ledger. */
export const stockValueDayTotals = pgTable(
  'stock_value_day_totals',
  {
    organizationId: uuid().notNull(),
    productId: uuid().notNull(),
    entryDate: date({ mode: 'string' }).notNull(),
    quantityChange: numeric({ precision: 16, scale: 3 }).notNull().default('0'),
    valueChange: total().notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.productId, t.entryDate] }),
    // The stock summary as on a past date: today's balances less the days after it.
    index('stock_value_day_totals_org_date_idx').on(t.organizationId, t.entryDate),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }).onDelete('cascade'),
  ],
);

/** Per product and calendar month (its first day), the change of quantity and of value: the stock value day totals by month. */
export const stockValueMonthTotals = pgTable(
  'stock_value_month_totals',
  {
    organizationId: uuid().notNull(),
    productId: uuid().notNull(),
    month: date({ mode: 'string' }).notNull(),
    quantityChange: numeric({ precision: 18, scale: 3 }).notNull().default('0'),
    valueChange: monthTotal().notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.productId, t.month] }),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }).onDelete('cascade'),
    check('stock_value_month_totals_month_ck', sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * The months whose GSTR-1 an org admin has marked filed (BOOKS.md, "Locking"; issue 16): sales
 * invoices and notes dated in one cannot be posted or cancelled. `filed_at` is when it was marked,
 * so the integrity check can tell that nothing of the month was posted or cancelled after it.
 * Unmarking deletes the row (both are audited).
 */
export const gstFiledPeriods = pgTable(
  'gst_filed_periods',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** `YYYY-MM`. */
    period: text().notNull(),
    filedAt: timestamp({ withTimezone: true }).notNull(),
    filedBy: uuid().references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.period] }),
    index('gst_filed_periods_filed_by_idx').on(t.filedBy),
    check('gst_filed_periods_period_ck', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
