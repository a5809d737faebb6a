import { z } from 'zod';
import { AGEING_BUCKETS } from './statements';
import { exportFormatField } from './exports';
import {
  dateField,
  decimalField,
  MAX_PAGE_SIZE,
  moneySchema,
  pageQuery,
  pageSchema,
  quantitySchema,
  queryBoolean,
  requiredText,
} from './fields';

/**
 * The chart of accounts, opening balances, bills and outstanding of BOOKS.md ("Chart of accounts",
 * "Bills: outstanding and ageing", "Stock value"). Amounts are rupees with two decimals; a balance
 * marked "signed" is Dr + / Cr −.
 */

export const ACCOUNT_NATURES = ['asset', 'liability', 'income', 'expense'] as const;
export type AccountNature = (typeof ACCOUNT_NATURES)[number];

const dateString = z.string().meta({ description: 'YYYY-MM-DD' });
const uuidField = z.uuid({ message: 'must be a UUID' });

export const accountGroupSchema = z
  .object({
    id: z.uuid(),
    parent_id: z.uuid().nullable().meta({ description: 'null for a primary group' }),
    name: z.string(),
    nature: z.enum(ACCOUNT_NATURES),
    system_key: z
      .string()
      .nullable()
      .meta({ description: 'The default group it is (sundry_debtors, bank_accounts, …); null for a group users made' }),
    is_system: z.boolean().meta({ description: 'A default group: it cannot be renamed away, moved or deleted' }),
    /** The primary group's system key: where the group sits in the statements. */
    primary_key: z.string().nullable(),
    ledger_count: z.number().int().meta({ description: 'Ledgers directly under it (party ledgers included)' }),
    child_count: z.number().int(),
  })
  .meta({ id: 'AccountGroup' });

export const ledgerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    group_id: z.uuid(),
    group_name: z.string(),
    nature: z.enum(ACCOUNT_NATURES),
    system_key: z.string().nullable().meta({ description: 'The default ledger it is (cash, sales, output_cgst, …), else null' }),
    is_system: z.boolean(),
    party_id: z.uuid().nullable().meta({ description: "A customer's or vendor's ledger: it follows its party" }),
    party_kind: z.enum(['customer', 'vendor']).nullable(),
    is_cash_or_bank: z.boolean().meta({ description: 'Under Cash-in-Hand or Bank Accounts: receipts, payments and contra name these' }),
    opening_balance: moneySchema.meta({ description: 'Signed (Dr +, Cr −), as on the books start date' }),
    balance: moneySchema.meta({ description: 'Signed closing balance as on today, the opening balance included' }),
    has_entries: z.boolean().meta({ description: 'Vouchers have posted to it: it cannot be deleted, only deactivated' }),
    is_active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Ledger' });

export type AccountGroupNode = z.output<typeof accountGroupSchema> & {
  children: AccountGroupNode[];
  ledgers: z.output<typeof ledgerSchema>[];
};

export const accountGroupNodeSchema: z.ZodType<AccountGroupNode> = z
  .lazy(() =>
    accountGroupSchema.extend({
      children: z.array(accountGroupNodeSchema),
      ledgers: z.array(ledgerSchema).meta({ description: 'Party ledgers only when include_party_ledgers=true' }),
    }),
  )
  .meta({ id: 'AccountGroupNode' });

export const chartTreeQuery = z.object({
  include_party_ledgers: queryBoolean
    .default(false)
    .meta({ description: "Also list every customer's and vendor's ledger under Sundry Debtors / Creditors (default false)" }),
  active_only: queryBoolean.default(false).meta({ description: 'Only active ledgers (default false)' }),
});

export const chartTreeSchema = z
  .object({
    books_start_date: dateString,
    groups: z.array(accountGroupNodeSchema).meta({ description: 'The primary groups in the order of the statements' }),
  })
  .meta({ id: 'ChartOfAccounts' });

export const accountGroupListSchema = z.object({ items: z.array(accountGroupSchema) }).meta({ id: 'AccountGroupList' });

export const accountGroupCreateSchema = z.object({
  name: requiredText(100),
  parent_id: uuidField.meta({ description: 'The group it goes under; its nature is that of its primary group' }),
});

export const accountGroupUpdateSchema = z
  .object({
    name: requiredText(100).optional(),
    parent_id: uuidField.optional().meta({ description: 'Move it under another group of the same nature (not a default group)' }),
  })
  .meta({ description: 'Only the fields sent change.' });

/** Comma-separated system keys of groups: ledgers under any of them (and their sub-groups). */
const groupKeysQuery = z
  .string()
  .trim()
  .max(200)
  .regex(/^[a-z_]+(,[a-z_]+)*$/, { message: 'must be system keys of groups separated by commas, e.g. cash_in_hand,bank_accounts' })
  .transform((v) => v.split(','));

export const LEDGER_KINDS = ['all', 'party', 'other', 'cash_bank'] as const;

export const ledgerListQuery = z.object({
  search: z.string().trim().max(100).optional().meta({ description: 'Part of the name' }),
  group_id: uuidField.optional().meta({ description: 'Ledgers under this group or its sub-groups' }),
  under: groupKeysQuery
    .optional()
    .meta({ description: 'Ledgers under these default groups (system keys), e.g. cash_in_hand,bank_accounts' }),
  kind: z
    .enum(LEDGER_KINDS, { message: `must be one of ${LEDGER_KINDS.join(', ')}` })
    .default('all')
    .meta({ description: 'party: customers and vendors; other: every other ledger; cash_bank: cash and bank ledgers' }),
  active_only: queryBoolean.default(true).meta({ description: 'Only active ledgers (default true)' }),
  ...pageQuery,
});

export const ledgerPageSchema = pageSchema(ledgerSchema).meta({ id: 'LedgerPage' });

export const OPENING_SIDES = ['debit', 'credit'] as const;

const openingAmount = decimalField({ scale: 2, integerDigits: 12, min: '0' });

export const openingBalanceInput = z.object({
  amount: openingAmount,
  side: z.enum(OPENING_SIDES, { message: 'must be debit or credit' }),
});

export const ledgerCreateSchema = z.object({
  name: requiredText(200),
  group_id: uuidField,
  opening_balance: openingBalanceInput.optional().meta({ description: 'As on the books start date (not for party ledgers)' }),
});

export const ledgerUpdateSchema = z
  .object({
    name: requiredText(200).optional(),
    group_id: uuidField.optional().meta({ description: 'Move it to another group (a default ledger keeps its nature)' }),
    is_active: z.boolean().optional().meta({ description: 'false deactivates it (a default or party ledger cannot be)' }),
  })
  .meta({ description: "Only the fields sent change. A party's ledger follows its party: change the party instead." });

// ── Opening balances

export const openingBalancesSchema = z
  .object({
    books_start_date: dateString.meta({ description: 'Ledger opening balances are as on this date' }),
    stock_date: dateString.meta({ description: 'Opening stock is dated the day before the books start' }),
    locked: z.boolean().meta({ description: 'The books lock date covers the opening balances: they cannot be changed' }),
    ledgers: z.array(
      z.object({
        ledger_id: z.uuid(),
        name: z.string(),
        group_name: z.string(),
        nature: z.enum(ACCOUNT_NATURES),
        party_id: z.uuid().nullable(),
        debit: moneySchema,
        credit: moneySchema,
      }),
    ),
    stock_value: moneySchema.meta({ description: 'Σ opening stock quantity × rate' }),
    total_debit: moneySchema.meta({ description: 'Ledger debits plus the opening stock' }),
    total_credit: moneySchema,
    difference: moneySchema.meta({
      description: 'Difference in opening balances, signed (Dr +) as the trial balance shows it: "0.00" when they agree',
    }),
  })
  .meta({ id: 'OpeningBalances' });

export const ledgerIdParam = z.object({ ledger_id: uuidField });
export const partyIdParam = z.object({ party_id: uuidField });
export const billIdParam = z.object({ bill_id: uuidField });
export const productIdParam = z.object({ product_id: uuidField });

export const ledgerOpeningSchema = z
  .object({ ledger_id: z.uuid(), opening_balance: moneySchema.meta({ description: 'Signed (Dr +, Cr −)' }) })
  .meta({ id: 'LedgerOpening' });

export const openingBillInput = z
  .object({
    ref: requiredText(60).meta({ description: 'The bill number the party knows it by' }),
    date: dateField.meta({ description: 'On or before the books start date' }),
    due_date: dateField.optional().meta({ description: "Defaults to date plus the party's credit days" }),
    amount: decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true }),
  })
  .refine((b) => b.due_date === undefined || b.due_date >= b.date, { path: ['due_date'], message: 'must be on or after date' });

export const openingBillUpdateSchema = z
  .object({
    ref: requiredText(60).optional(),
    date: dateField.optional(),
    due_date: dateField.optional(),
    amount: decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true }).optional(),
  })
  .meta({ description: 'Only the fields sent change; the amount cannot go below what is allocated to it.' });

export const openingStockInput = z.object({
  quantity: decimalField({ scale: 3, integerDigits: 11, min: '0' }).meta({ description: '0 removes the opening stock' }),
  rate: decimalField({ scale: 4, integerDigits: 12, min: '0' }).meta({ description: 'Cost per unit (four decimals)' }),
});

export const openingStockSchema = z
  .object({
    product_id: z.uuid(),
    product_name: z.string(),
    unit: z.string(),
    date: dateString,
    quantity: quantitySchema,
    rate: z.string().meta({ description: 'Four decimals' }),
    value: moneySchema,
  })
  .meta({ id: 'OpeningStock' });

export const openingStockListSchema = z
  .object({ items: z.array(openingStockSchema), total_value: moneySchema })
  .meta({ id: 'OpeningStockList' });

// ── Bills

export const BILL_SIDES = ['receivable', 'payable'] as const;
export type BillSide = (typeof BILL_SIDES)[number];
/** BOOKS.md, "Bills": `overdue` is not a status of its own but `overdue: true` on an unpaid or partly paid bill. */
export const BILL_STATUSES = ['unpaid', 'partly_paid', 'paid', 'cancelled'] as const;

export const billAllocationSchema = z
  .object({
    id: z.uuid(),
    voucher_id: z.uuid(),
    voucher_type: z.string(),
    voucher_number: z.string(),
    date: dateString.meta({ description: 'The date the allocation counts from (its voucher’s date, or the day an advance was placed)' }),
    amount: moneySchema,
    released: z.boolean().meta({ description: 'Its voucher was cancelled: the amount went back to the bill' }),
  })
  .meta({ id: 'BillAllocation' });

export const billSchema = z
  .object({
    id: z.uuid(),
    party_id: z.uuid(),
    side: z.enum(BILL_SIDES),
    ref: z.string().meta({ description: 'The invoice number (a purchase: the supplier’s), or an opening bill’s reference' }),
    is_opening: z.boolean().meta({ description: 'An opening bill (before the books start), not an invoice' }),
    voucher_id: z.uuid().nullable(),
    voucher_type: z.string().nullable(),
    voucher_number: z.string().nullable(),
    date: dateString,
    due_date: dateString.meta({ description: "The invoice's due date, else its date plus the party's credit days" }),
    amount: moneySchema,
    allocated: moneySchema.meta({ description: 'Settled by live allocations (receipts, payments, notes)' }),
    outstanding: moneySchema.meta({ description: 'amount − allocated' }),
    status: z.enum(BILL_STATUSES),
    overdue: z.boolean().meta({ description: 'Unpaid or partly paid and past its due date (today, India)' }),
    days_overdue: z.number().int().meta({ description: 'Days past the due date today; 0 when not overdue' }),
    allocations: z.array(billAllocationSchema).meta({ description: 'Every allocation to it, released ones included, by date' }),
  })
  .meta({ id: 'Bill' });

export const openingBillListSchema = z
  .object({
    party: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['customer', 'vendor']) }),
    side: z.enum(BILL_SIDES).meta({ description: "A customer's opening bills are receivable (Dr), a vendor's payable (Cr)" }),
    total: moneySchema.meta({ description: "Σ amount of its opening bills: its ledger's opening balance" }),
    items: z.array(billSchema).meta({ description: 'By date, then reference' }),
  })
  .meta({ id: 'OpeningBillList' });

export const BILL_FILTERS = ['open', 'overdue', 'paid', 'cancelled', 'all'] as const;

export const partyBillsQuery = z.object({
  status: z
    .enum(BILL_FILTERS, { message: `must be one of ${BILL_FILTERS.join(', ')}` })
    .default('open')
    .meta({
      description:
        'open (default): something outstanding; overdue: open and past due today; paid: settled in full; cancelled: of a cancelled invoice; all',
    }),
  ...pageQuery,
});

export const partyBillsSchema = z
  .object({
    party: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['customer', 'vendor']) }),
    side: z.enum(BILL_SIDES).meta({ description: "A customer's bills are receivable, a vendor's payable" }),
    as_of: dateString.meta({ description: 'Today (India): what overdue and days_overdue are counted on' }),
    total_outstanding: moneySchema.meta({ description: 'Σ outstanding of its open bills (every page)' }),
    overdue_outstanding: moneySchema.meta({ description: 'Σ outstanding of its overdue bills (every page)' }),
    on_account: moneySchema.meta({ description: 'Received from (or paid to) the party and not yet allocated to a bill' }),
    items: z.array(billSchema).meta({ description: 'Oldest first (by date, then id), keyset-paged' }),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'PartyBills' });

// ── Outstanding and ageing

export const outstandingQuery = z.object({
  side: z.enum(BILL_SIDES, { message: 'must be receivable or payable' }),
  as_of: dateField
    .optional()
    .meta({ description: 'Defaults to today (India). Bills dated after it and allocations that count from after it are left out.' }),
  ...exportFormatField,
});

/** The ageing buckets of party statements (AGEING_BUCKETS), with what the bills of each owe. */
const outstandingFigures = {
  bills: z.number().int().meta({ description: 'Open bills as on the date' }),
  buckets: z
    .array(z.object({ bucket: z.enum(AGEING_BUCKETS), label: z.string(), amount: moneySchema }))
    .meta({ description: 'Every bucket of AGEING_BUCKETS in order: not yet due, 1–30, 31–60, 61–90, over 90 days past due' }),
  total: moneySchema.meta({ description: 'Σ outstanding of the open bills' }),
  on_account: moneySchema.meta({ description: 'Advances: received (paid) by the date and not allocated to a bill by it' }),
  net: moneySchema.meta({ description: 'total − on_account: what the party owes (is owed) on balance' }),
};

export const outstandingSchema = z
  .object({
    side: z.enum(BILL_SIDES),
    as_of: dateString,
    parties: z
      .array(z.object({ party_id: z.uuid(), name: z.string(), ...outstandingFigures }))
      .meta({ description: 'Every party with an open bill or an amount on account on the date, by name' }),
    total: z.object(outstandingFigures),
  })
  .meta({ id: 'Outstanding', description: 'Ageing by days past the due date on as_of (BOOKS.md, "Bills: outstanding and ageing")' });
export type Outstanding = z.infer<typeof outstandingSchema>;

// ── Stock summary

export const stockSummaryQuery = z.object({
  as_of: dateField.optional().meta({ description: 'Defaults to today (India)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .meta({ description: 'Products per page (keyset-paged by name; `next_cursor` goes on). Without it, every product at once, as before' }),
  cursor: pageQuery.cursor,
  ...exportFormatField,
});

export const stockSummarySchema = z
  .object({
    as_of: dateString,
    items: z
      .array(
        z.object({
          product_id: z.uuid(),
          name: z.string(),
          part_number: z.string().nullable(),
          unit: z.string(),
          quantity: quantitySchema,
          average_cost: z.string().meta({
            description:
              'Weighted average cost per unit, four decimals: the recorded average when nothing moved after as_of, else value ÷ quantity on it',
          }),
          value: moneySchema,
        }),
      )
      .meta({
        description:
          'Products with stock (or a value) on the date, by name; products at zero are left out, as in Tally. With `limit`, one page of them',
      }),
    product_count: z.number().int().meta({ description: 'Products with stock (or a value) on the date, on every page' }),
    total_value: moneySchema.meta({ description: 'Closing stock as the balance sheet shows it on the date (every page)' }),
    next_cursor: z.string().nullable().meta({ description: 'The next page (with `limit`); null on the last page or without `limit`' }),
  })
  .meta({ id: 'StockSummary' });
