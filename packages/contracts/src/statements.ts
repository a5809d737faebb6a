import { z } from 'zod';
import { emailSchema } from './common';
import { dateField, moneySchema, pageQuery } from './fields';

/**
 * What a party receives about its account (issue 17): the statement of account (JSON for the web,
 * PDF for the party), and payment reminders with their overdue bills. Balances are signed Dr + /
 * Cr − as in the ledger statement: for a customer a positive balance is what it owes.
 */

const dateString = z.string().meta({ description: 'YYYY-MM-DD' });

/** Ageing as on a date (BOOKS.md, "Bills"): not yet due, then by days past the due date. */
export const AGEING_BUCKETS = ['not_due', '1-30', '31-60', '61-90', 'over_90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export const AGEING_LABELS: Record<AgeingBucket, string> = {
  not_due: 'Not yet due',
  '1-30': '1–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  over_90: 'Over 90 days',
};

/** Whole days from `from` to `to` (YYYY-MM-DD calendar dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function ageingBucketOf(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return 'not_due';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return 'over_90';
}

const period = (q: { from?: string; to?: string }) => q.from === undefined || q.to === undefined || q.from <= q.to;

export const partyStatementQuery = z
  .object({
    from: dateField.optional().meta({ description: "Defaults to 1 April of `to`'s financial year" }),
    to: dateField.optional().meta({ description: 'Defaults to today (India)' }),
    limit: pageQuery.limit.meta({ description: 'Entries per page of the JSON answer (the PDF always prints the whole period)' }),
    cursor: pageQuery.cursor,
    format: z
      .enum(['json', 'pdf'])
      .optional()
      .meta({ description: 'pdf answers the statement as a PDF (as does `Accept: application/pdf`); default json' }),
  })
  .refine(period, { path: ['from'], message: 'must be on or before to' });

export const statementEntrySchema = z
  .object({
    date: dateString,
    voucher_id: z.uuid(),
    voucher_type: z.string(),
    voucher_label: z.string().meta({ description: "The voucher type's name (Sales voucher, Receipt, Credit note, …)" }),
    voucher_number: z.string(),
    is_cancellation: z.boolean().meta({ description: "The reversal of a cancelled voucher's entry, dated the voucher's date" }),
    debit: moneySchema,
    credit: moneySchema,
    balance: moneySchema.meta({ description: 'Running balance after this entry, signed (Dr +, Cr −)' }),
  })
  .meta({ id: 'StatementEntry' });

export const openBillSchema = z
  .object({
    id: z.uuid(),
    ref: z.string().meta({ description: 'The invoice number, or the reference of an opening bill' }),
    voucher_id: z.uuid().nullable(),
    bill_date: dateString,
    due_date: dateString,
    amount: moneySchema,
    outstanding: moneySchema,
    days_overdue: z.number().int().meta({ description: 'Days past the due date on `as_of` (0 or less: not yet due)' }),
    bucket: z.enum(AGEING_BUCKETS),
  })
  .meta({ id: 'OpenBill' });

export const ageingSchema = z
  .object({
    buckets: z.array(z.object({ bucket: z.enum(AGEING_BUCKETS), label: z.string(), amount: moneySchema })),
    total: moneySchema,
  })
  .meta({ id: 'Ageing', description: 'What the open bills owe, by how long past due on `as_of`' });

export const partyStatementSchema = z
  .object({
    party: z.object({
      id: z.uuid(),
      kind: z.enum(['customer', 'vendor']),
      name: z.string(),
      gstin: z.string().nullable(),
      email: z.string().nullable(),
    }),
    period: z.object({ from: dateString, to: dateString }),
    opening_balance: moneySchema.meta({ description: 'Signed (Dr +, Cr −), on the start date before its entries' }),
    total_debit: moneySchema.meta({ description: 'Debits of the whole period (every page)' }),
    total_credit: moneySchema.meta({ description: 'Credits of the whole period (every page)' }),
    closing_balance: moneySchema.meta({ description: 'Signed, at the end of the period' }),
    page_opening_balance: moneySchema.meta({
      description:
        'Signed, before the first entry of this page: the opening balance on the first page, the last running balance of the page before on the next',
    }),
    items: z
      .array(statementEntrySchema)
      .meta({ description: 'A page of the period’s entries on the party’s ledger, in date order (every entry in the PDF)' }),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
    as_of: dateString.meta({ description: 'The date the open bills are aged on (today, India): they are as they stand now' }),
    open_bills: z.array(openBillSchema),
    ageing: ageingSchema,
  })
  .meta({ id: 'PartyStatement' });

export const partyStatementEmailSchema = z
  .object({
    from: dateField.optional(),
    to: dateField.optional(),
    email_to: emailSchema.optional().meta({ description: "Defaults to the party's email address; another address: admins only" }),
  })
  .refine(period, { path: ['from'], message: 'must be on or before to' })
  .meta({ id: 'PartyStatementEmailRequest' });

export const queuedEmailSchema = z.object({ email_id: z.uuid(), email_to: z.string(), message: z.string() }).meta({ id: 'QueuedEmail' });

export const paymentRemindersRequestSchema = z
  .object({
    party_ids: z
      .array(z.uuid())
      .min(1)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'must not name a customer twice' })
      .meta({ description: 'The customers to remind (from the outstanding report), at most 200' }),
  })
  .meta({ id: 'PaymentRemindersRequest' });

export const paymentReminderResultSchema = z
  .object({
    party_id: z.uuid(),
    party_name: z.string(),
    status: z.enum(['queued', 'skipped']),
    reason: z.string().nullable().meta({ description: 'Why no reminder was queued (no email address, nothing overdue)' }),
    email_id: z.uuid().nullable(),
    email_to: z.string().nullable(),
    bills: z.number().int().meta({ description: 'Overdue bills the reminder lists' }),
    overdue: moneySchema.meta({ description: 'What those bills still owe' }),
  })
  .meta({ id: 'PaymentReminderResult' });

export const paymentRemindersResultSchema = z
  .object({ results: z.array(paymentReminderResultSchema) })
  .meta({ id: 'PaymentRemindersResult' });
export type PaymentRemindersResult = z.infer<typeof paymentRemindersResultSchema>;
