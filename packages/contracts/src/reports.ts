import { z } from 'zod';
import { exportFormatField } from './exports';
import { dateField, moneySchema, pageQuery } from './fields';

/**
 * The financial statements of BOOKS.md ("Financial statements"): ledger statement, day book, cash
 * and bank books, trial balance, profit and loss, balance sheet. Every amount is rupees with two
 * decimals; a balance is signed Dr + / Cr − where a field says "signed", else it is split into
 * `debit` and `credit` columns (one of them "0.00").
 */

const dateString = z.string().meta({ description: 'YYYY-MM-DD' });
const period = z.object({ from: dateString, to: dateString });

/** A date range: `to` defaults to today (India), `from` to the start of `to`'s financial year (1 April). */
export const reportRangeQuery = z
  .object({
    from: dateField.optional().meta({ description: "Defaults to 1 April of `to`'s financial year" }),
    to: dateField.optional().meta({ description: 'Defaults to today (India)' }),
    ...exportFormatField,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['from'], message: 'must be on or before to' });

export const reportAsOfQuery = z.object({
  as_of: dateField.optional().meta({ description: 'Defaults to today (India)' }),
  ...exportFormatField,
});

export const ledgerStatementQuery = z
  .object({
    from: dateField.optional().meta({ description: "Defaults to 1 April of `to`'s financial year" }),
    to: dateField.optional().meta({ description: 'Defaults to today (India)' }),
    ...pageQuery,
    ...exportFormatField,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['from'], message: 'must be on or before to' });

export const ledgerRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const ledgerStatementEntrySchema = z
  .object({
    date: dateString,
    voucher_id: z.uuid(),
    voucher_type: z.string(),
    voucher_number: z.string(),
    is_cancellation: z.boolean().meta({ description: "The reversal of a cancelled voucher's entry, dated the voucher's date" }),
    other_ledgers: z.array(ledgerRefSchema).meta({ description: "The other side's ledger(s) of the voucher" }),
    debit: moneySchema,
    credit: moneySchema,
    balance: moneySchema.meta({ description: 'Running balance after this entry, signed (Dr +, Cr −)' }),
  })
  .meta({ id: 'LedgerStatementEntry' });

export const ledgerStatementSchema = z
  .object({
    ledger: z.object({ id: z.uuid(), name: z.string(), group_id: z.uuid(), group_name: z.string() }),
    period,
    opening_balance: moneySchema.meta({ description: 'Signed (Dr +, Cr −), on the start date before its entries' }),
    total_debit: moneySchema.meta({ description: 'Debits of the whole period (every page)' }),
    total_credit: moneySchema,
    closing_balance: moneySchema.meta({ description: 'Signed, at the end of the period' }),
    page_opening_balance: moneySchema.meta({
      description:
        'Signed, before the first entry of this page: the opening balance on the first page, the last running balance of the page before on the next',
    }),
    items: z.array(ledgerStatementEntrySchema),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'LedgerStatement' });

export const dayBookEntrySchema = z
  .object({
    id: z.uuid(),
    date: dateString,
    voucher_type: z.string(),
    voucher_number: z.string(),
    party_name: z.string().nullable(),
    amount: moneySchema,
    status: z.enum(['active', 'cancelled']),
    entries: z.array(z.object({ ledger_id: z.uuid(), ledger_name: z.string(), debit: moneySchema, credit: moneySchema })),
  })
  .meta({ id: 'DayBookEntry' });

export const dayBookQuery = ledgerStatementQuery;

export const dayBookSchema = z
  .object({ period, items: z.array(dayBookEntrySchema), next_cursor: z.string().nullable() })
  .meta({ id: 'DayBook' });

export const bankBooksSchema = z
  .object({
    period,
    items: z.array(
      z.object({
        ledger_id: z.uuid(),
        name: z.string(),
        opening_balance: moneySchema,
        total_debit: moneySchema,
        total_credit: moneySchema,
        closing_balance: moneySchema,
      }),
    ),
  })
  .meta({ id: 'BankBooks' });

export const STATEMENT_ROW_KINDS = ['group', 'ledger', 'opening_stock', 'closing_stock', 'profit_and_loss', 'opening_difference'] as const;

export const trialBalanceRowSchema = z
  .object({
    kind: z.enum(STATEMENT_ROW_KINDS),
    id: z.uuid().nullable().meta({ description: 'The group or ledger; null for a computed line' }),
    name: z.string(),
    depth: z.number().int(),
    debit: moneySchema,
    credit: moneySchema,
  })
  .meta({ id: 'TrialBalanceRow' });

export const trialBalanceSchema = z
  .object({
    as_of: dateString,
    financial_year: period,
    rows: z
      .array(trialBalanceRowSchema)
      .meta({ description: 'Groups (closing rolled up the tree) each followed by its ledgers and sub-groups' }),
    opening_difference: moneySchema.meta({ description: 'Difference in opening balances, signed (Dr +): "0.00" when they balance' }),
    total_debit: moneySchema,
    total_credit: moneySchema,
  })
  .meta({ id: 'TrialBalance' });

export const profitAndLossLineSchema = z.object({
  ledger_id: z.uuid(),
  name: z.string(),
  group_name: z.string(),
  amount: moneySchema.meta({ description: 'Positive on its own side (income: credit, expense: debit)' }),
});

const section = z.object({ total: moneySchema, ledgers: z.array(profitAndLossLineSchema) });

export const profitAndLossSchema = z
  .object({
    period,
    trading: z.object({
      opening_stock: moneySchema,
      purchase_accounts: section,
      direct_expenses: section,
      sales_accounts: section,
      direct_incomes: section,
      closing_stock: moneySchema,
      gross_profit: moneySchema.meta({ description: 'Negative for a gross loss' }),
    }),
    indirect_incomes: section,
    indirect_expenses: section,
    net_profit: moneySchema.meta({ description: 'Negative for a net loss' }),
  })
  .meta({ id: 'ProfitAndLoss' });

export const balanceSheetRowSchema = z
  .object({
    kind: z.enum(STATEMENT_ROW_KINDS),
    id: z.uuid().nullable(),
    name: z.string(),
    depth: z.number().int(),
    amount: moneySchema.meta({ description: 'On its side: liabilities credit +, assets debit +' }),
  })
  .meta({ id: 'BalanceSheetRow' });

export const balanceSheetSchema = z
  .object({
    as_of: dateString,
    financial_year: period,
    liabilities: z.array(balanceSheetRowSchema),
    assets: z.array(balanceSheetRowSchema),
    profit_and_loss: z.object({
      ledger_balance: moneySchema.meta({ description: 'The Profit & Loss A/c ledger itself (credit +)' }),
      earlier_years: moneySchema,
      current_period: moneySchema,
      total: moneySchema,
    }),
    closing_stock: moneySchema,
    opening_difference: moneySchema.meta({ description: 'Difference in opening balances, signed (Dr +)' }),
    total_liabilities: moneySchema,
    total_assets: moneySchema,
  })
  .meta({ id: 'BalanceSheet' });

export const ledgerIdParams = z.object({ ledger_id: z.uuid({ message: 'must be a UUID' }) });

export type TrialBalance = z.infer<typeof trialBalanceSchema>;
export type ProfitAndLoss = z.infer<typeof profitAndLossSchema>;
export type BalanceSheet = z.infer<typeof balanceSheetSchema>;
export type LedgerStatement = z.infer<typeof ledgerStatementSchema>;
