import { z } from 'zod';
import { exportFormatField } from '../exports';
import {
  dateField,
  decimalField,
  moneySchema,
  optionalCode,
  optionalText,
  pageQuery,
  quantitySchema,
  queryBoolean,
  requiredText,
} from '../fields';
import { gstRateField } from '../masters';
import { dec, toMoney, ZERO } from '../money';
import { stateCodeProblem } from '../validation/state-codes';
import { partyFieldOf, type HeaderFieldSpec, type VoucherTypeDefinition } from './definition';

/** A documented limit: larger invoices are refused with 422 rather than slowing everyone. */
export const MAX_VOUCHER_LINES = 500;

export const voucherItemInputSchema = z
  .object({
    product_id: z.uuid({ message: 'must be a UUID' }),
    quantity: decimalField({ scale: 3, integerDigits: 11, min: '0', minExclusive: true }),
    unit_price: decimalField({ scale: 2, integerDigits: 12, min: '0' }).optional().meta({ description: "Defaults to the product's" }),
    discount_percentage: decimalField({ scale: 2, integerDigits: 3, min: '0', max: '100' }).default('0.00'),
    discount_amount: decimalField({ scale: 2, integerDigits: 12, min: '0' })
      .nullish()
      .meta({
        description:
          'A flat discount in rupees instead of discount_percentage (not both): taken off the line before tax ' +
          '(without GST, also for a GST-inclusive price); at most the line value (quantity x price, without GST)',
      }),
    gst_rate: gstRateField.optional().meta({ description: "Defaults to the product's" }),
    is_gst_inclusive: z.boolean().optional().meta({ description: "Whether unit_price includes GST; defaults to the product's" }),
  })
  .superRefine((item, ctx) => {
    if (item.discount_amount != null && dec(item.discount_percentage).gt(ZERO)) {
      ctx.addIssue({
        code: 'custom',
        path: ['discount_amount'],
        message: 'must be left out when discount_percentage is given: a line takes a percentage or an amount, not both',
      });
    }
  });

/** A journal's or contra's line: one ledger, a positive amount on one side. */
export const voucherLedgerLineInputSchema = z.object({
  ledger_id: z.uuid({ message: 'must be a UUID' }),
  side: z.enum(['debit', 'credit'], { message: 'must be debit or credit' }),
  amount: decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true }),
  narration: optionalText(200),
});

/** A receipt's or payment's allocation: this much of the amount settles this open bill of the party. */
export const billAllocationInputSchema = z.object({
  bill_id: z.uuid({ message: 'must be a UUID' }),
  amount: decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true }),
});

/** At most this many bills are settled by one voucher or one allocation request. */
export const MAX_ALLOCATIONS = 200;

const allocationsField = z
  .array(billAllocationInputSchema)
  .max(MAX_ALLOCATIONS, { message: `must have at most ${MAX_ALLOCATIONS} allocations` });

/** `POST /vouchers/{type}/{id}/allocations`: settle open bills from what the voucher left on account (an advance). */
export const voucherAllocateSchema = z
  .object({ allocations: allocationsField.min(1, { message: 'must allocate to at least one bill' }) })
  .superRefine((body, ctx) => refuseRepeatedBills(body.allocations, ctx));

function refuseRepeatedBills(allocations: readonly { bill_id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  allocations.forEach((a, i) => {
    if (seen.has(a.bill_id))
      ctx.addIssue({ code: 'custom', path: ['allocations', i, 'bill_id'], message: 'names a bill already allocated above' });
    seen.add(a.bill_id);
  });
}

/**
 * A line of a note (credit or debit): the original invoice's line it returns (`against_line_id`)
 * and how much of it. Rate, discount, GST and price are the original's. `quantity` 0 with a
 * `taxable_value` is a value-only line (a discount after sale, a price correction): no goods move.
 */
export const noteItemInputSchema = z
  .object({
    against_line_id: z.uuid({ message: 'must be a UUID' }).meta({ description: "The original invoice's line (its `id`)" }),
    quantity: decimalField({ scale: 3, integerDigits: 11, min: '0' }).meta({
      description: 'How much of the line comes back (a credit note) or goes back (a debit note); 0 on a value-only line',
    }),
    taxable_value: decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true })
      .nullish()
      .meta({ description: 'Value-only line (quantity 0): the taxable value it reduces; GST at the original rate is added' }),
  })
  .superRefine((item, ctx) => {
    const zero = Number(item.quantity) === 0;
    if (zero && item.taxable_value == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['quantity'],
        message: 'must be greater than 0, or 0 with a taxable_value (a value-only line)',
      });
    }
    if (!zero && item.taxable_value != null) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxable_value'],
        message: 'is only for a value-only line (quantity 0); a quantity is valued at the original rate',
      });
    }
  });
export type NoteItemInput = z.output<typeof noteItemInputSchema>;

/**
 * The header fields the engine stores (columns of `vouchers`): a type may carry any of them.
 * `amount`, a voucher without lines' figure, is stored as its grand total.
 */
export const STORED_HEADER_FIELDS = [
  'place_of_supply',
  'reference',
  'due_date',
  'supplier_invoice_number',
  'supplier_invoice_date',
  'reason',
  'cash_bank_ledger_id',
  'other_ledger_id',
  'amount',
  'mode',
  'instrument_number',
  'instrument_date',
  'transfer_reference',
] as const;
export type StoredHeaderField = (typeof STORED_HEADER_FIELDS)[number];

/**
 * The request schema of one header field, from its spec. A field shown only when another holds
 * some values (`when`) is optional here: whether it is required or refused is decided with the
 * other field's value (`voucherCreateSchema`).
 */
export function headerFieldSchema(spec: HeaderFieldSpec): z.ZodType {
  if (spec.when && spec.required) return headerFieldSchema({ ...spec, required: false });
  const described = <T extends z.ZodType>(schema: T) => (spec.description ? schema.meta({ description: spec.description }) : schema);
  switch (spec.kind) {
    case 'text':
      return described(spec.required ? requiredText(spec.maxLength ?? 100) : optionalText(spec.maxLength ?? 100));
    case 'date':
      return described(spec.required ? dateField : dateField.nullish());
    case 'state_code':
      return described(
        spec.required
          ? optionalCode(stateCodeProblem).refine((v) => typeof v === 'string', { message: 'is required' })
          : optionalCode(stateCodeProblem),
      );
    case 'money': {
      const amount = decimalField({ scale: 2, integerDigits: 12, min: '0', minExclusive: true });
      return described(spec.required ? amount : amount.nullish());
    }
    case 'ledger': {
      const id = z.uuid({ message: 'must be a UUID' });
      return described(spec.required ? id : id.nullish());
    }
    case 'choice': {
      const values = (spec.options ?? []).map((o) => o.value) as [string, ...string[]];
      const choice = z.enum(values, { message: `must be one of ${values.join(', ')}` });
      return described(spec.required ? choice : choice.nullish());
    }
  }
}

/** What every voucher type's create body becomes after validation (snake_case, as on the wire). */
export interface VoucherCreateBody {
  party_id: string | null;
  date: string;
  place_of_supply: string | null;
  reference: string | null;
  due_date: string | null;
  supplier_invoice_number: string | null;
  supplier_invoice_date: string | null;
  cash_bank_ledger_id: string | null;
  other_ledger_id: string | null;
  /** A voucher without lines: its amount. */
  amount: string | null;
  mode: string | null;
  instrument_number: string | null;
  instrument_date: string | null;
  transfer_reference: string | null;
  notes: string | null;
  send_email: boolean;
  /** Item lines (invoices); empty for other types. */
  items: z.output<typeof voucherItemInputSchema>[];
  /** Ledger lines (journal, contra); empty for other types. */
  lines: z.output<typeof voucherLedgerLineInputSchema>[];
  /** Settlements of the party's open bills (receipt, payment); empty for other types. */
  allocations: z.output<typeof billAllocationInputSchema>[];
  /** A note's reason (a type with the `reason` header field). */
  reason: string | null;
  /** A voucher made against one original (a note): the original's id, and its lines instead of `items`. */
  against_voucher_id: string | null;
  note_items: NoteItemInput[] | null;
}

/** A note: made against one original whose lines it returns (its items name the original's lines). */
export function isReturnType(def: Pick<VoucherTypeDefinition, 'against'>): boolean {
  return def.against?.purpose === 'return';
}

/**
 * The create body of one voucher type: its party field (`customer_id` / `vendor_id`), `date`
 * (or its alias `voucher_date`), its header fields and the lines. Built from the definition alone,
 * so the API and the web app check the same rules.
 */
export function voucherCreateSchema(def: VoucherTypeDefinition): z.ZodType<VoucherCreateBody> {
  const partyField = partyFieldOf(def);
  const returns = isReturnType(def);
  // A note takes its party from the original: naming it is optional (and must then be the original's).
  const partyRequired = def.party?.required && !(returns && def.against?.takes.includes('party'));
  const extras: Record<string, z.ZodType> = {};
  for (const spec of def.headerFields) extras[spec.name] = headerFieldSchema(spec);
  const lines = <T extends z.ZodType>(item: T) =>
    z
      .array(item)
      .min(1, { message: 'must have at least one line' })
      .max(MAX_VOUCHER_LINES, { message: `must have at most ${MAX_VOUCHER_LINES} lines per voucher` });
  const minLines = def.posting?.kind === 'ledger_lines' ? def.posting.minLines : 1;
  const settles = def.against?.purpose === 'settlement';
  const lineShape =
    def.lines === 'items'
      ? {
          items: returns
            ? lines(noteItemInputSchema).superRefine((items, ctx) => {
                const seen = new Set<string>();
                items.forEach((item, i) => {
                  if (seen.has(item.against_line_id)) {
                    ctx.addIssue({ code: 'custom', path: [i, 'against_line_id'], message: 'names a line of the original a second time' });
                  }
                  seen.add(item.against_line_id);
                });
              })
            : lines(voucherItemInputSchema),
        }
      : def.lines === 'ledger'
        ? {
            lines: z
              .array(voucherLedgerLineInputSchema)
              .min(minLines, { message: `must have at least ${minLines} lines` })
              .max(MAX_VOUCHER_LINES, { message: `must have at most ${MAX_VOUCHER_LINES} lines per voucher` }),
          }
        : {};
  const shape = {
    ...(partyField
      ? { [partyField]: partyRequired ? z.uuid({ message: 'must be a UUID' }) : z.uuid({ message: 'must be a UUID' }).nullish() }
      : {}),
    date: dateField.optional(),
    voucher_date: dateField.optional().meta({ description: 'Another name for `date`' }),
    ...(returns
      ? {
          against_voucher_id: z
            .uuid({ message: 'must be a UUID' })
            .meta({ description: `The ${def.against!.types.join(' or ')} voucher this note is made against` }),
        }
      : {}),
    ...extras,
    notes: optionalText(2000, { multiline: true }),
    send_email: z.boolean().default(false).meta({ description: 'Queue the voucher email to the party' }),
    ...lineShape,
    ...(settles
      ? {
          allocations: allocationsField.default([]).meta({
            description: "The party's open bills this settles, each within its outstanding; what is not allocated stays on account",
          }),
        }
      : {}),
  };
  return z
    .object(shape)
    .superRefine((body, ctx) => {
      const b = body as Record<string, unknown>;
      const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (b.date === undefined && b.voucher_date === undefined) {
        problem(['date'], 'is required');
      } else if (b.date !== undefined && b.voucher_date !== undefined && b.date !== b.voucher_date) {
        problem(['voucher_date'], 'differs from date; send one of them');
      }
      const given = (name: string) => b[name] !== undefined && b[name] !== null;
      for (const spec of def.headerFields) {
        if (!spec.when) continue;
        const shown = spec.when.in.includes(String(b[spec.when.field]));
        const other = `${spec.when.field} ${spec.when.in.join(' or ')}`;
        if (shown && spec.required && !given(spec.name)) problem([spec.name], `is required when ${other}`);
        if (!shown && given(spec.name)) problem([spec.name], `is only for ${other}`);
      }
      // A posting to "the party, else a ledger" needs exactly one of the two.
      const posting = def.posting;
      const either = posting?.kind === 'entries' ? posting.entries.find((e) => e.account.from === 'party_or_header') : undefined;
      if (either && either.account.from === 'party_or_header' && partyField) {
        const field = either.account.field;
        if (given(partyField) && given(field))
          problem([field], `must be left out when ${partyField} is given: name the ${def.party!.kind} or another ledger, not both`);
        if (!given(partyField) && !given(field)) problem([partyField], `is required (or name another ledger in ${field})`);
      }
      if (def.lines === 'ledger' && Array.isArray(b.lines))
        checkLedgerLines(b.lines as z.output<typeof voucherLedgerLineInputSchema>[], problem);
      if (settles && Array.isArray(b.allocations)) {
        const allocations = b.allocations as z.output<typeof billAllocationInputSchema>[];
        refuseRepeatedBills(allocations, ctx);
        if (allocations.length > 0 && partyField && !given(partyField))
          problem(['allocations'], `settle bills of a ${def.party!.kind}: name it in ${partyField}`);
        const allocated = allocations.reduce((sum, a) => sum.plus(dec(a.amount)), ZERO);
        if (typeof b.amount === 'string' && allocated.gt(dec(b.amount))) {
          problem(['allocations'], `allocate ${toMoney(allocated)} in all, more than the amount ${b.amount}`);
        }
      }
    })
    .transform((body): VoucherCreateBody => {
      const b = body as Record<string, unknown>;
      const pick = (field: StoredHeaderField) => (b[field] as string | null | undefined) ?? null;
      return {
        party_id: partyField ? ((b[partyField] as string | null | undefined) ?? null) : null,
        date: (b.date ?? b.voucher_date) as string,
        place_of_supply: pick('place_of_supply'),
        reference: pick('reference'),
        due_date: pick('due_date'),
        supplier_invoice_number: pick('supplier_invoice_number'),
        supplier_invoice_date: pick('supplier_invoice_date'),
        cash_bank_ledger_id: pick('cash_bank_ledger_id'),
        other_ledger_id: pick('other_ledger_id'),
        amount: pick('amount'),
        mode: pick('mode'),
        instrument_number: pick('instrument_number'),
        instrument_date: pick('instrument_date'),
        transfer_reference: pick('transfer_reference'),
        notes: (b.notes as string | null | undefined) ?? null,
        send_email: b.send_email as boolean,
        items: returns ? [] : ((b.items as VoucherCreateBody['items'] | undefined) ?? []),
        lines: (b.lines as VoucherCreateBody['lines'] | undefined) ?? [],
        allocations: (b.allocations as VoucherCreateBody['allocations'] | undefined) ?? [],
        reason: pick('reason'),
        against_voucher_id: returns ? (b.against_voucher_id as string) : null,
        note_items: returns ? (b.items as NoteItemInput[]) : null,
      };
    })
    .meta({ id: `${schemaIdOf(def.type)}VoucherCreate` }) as unknown as z.ZodType<VoucherCreateBody>;
}

/** Ledger lines balance (BOOKS.md): a debit and a credit at least, the sides equal to the paisa. */
function checkLedgerLines(
  lines: readonly z.output<typeof voucherLedgerLineInputSchema>[],
  problem: (path: (string | number)[], message: string) => void,
): void {
  let debit = ZERO;
  let credit = ZERO;
  for (const line of lines) {
    if (line.side === 'debit') debit = debit.plus(dec(line.amount));
    else credit = credit.plus(dec(line.amount));
  }
  if (debit.eq(ZERO) || credit.eq(ZERO)) {
    problem(['lines'], 'must have a debit line and a credit line');
    return;
  }
  if (!debit.eq(credit)) {
    problem(
      ['lines'],
      `do not balance: debits ${toMoney(debit)}, credits ${toMoney(credit)} (a difference of ${toMoney(debit.minus(credit).abs())})`,
    );
  }
}

/** `credit-note` -> `CreditNote`: the OpenAPI component name of a type's schemas. */
function schemaIdOf(type: string): string {
  return type
    .split('-')
    .map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`)
    .join('');
}

export const voucherCreateQuery = z.object({
  send_email: queryBoolean.optional().meta({ description: 'As `send_email` in the body (the original API took it here)' }),
});

/** A registered type's name on the wire (`GET /api/v1/voucher-types` lists them). */
export const voucherTypeSchema = z
  .string()
  .meta({ description: 'A voucher type, as `GET /api/v1/voucher-types` lists them (sales, purchase, …)' });

export const VOUCHER_STATUSES = ['active', 'cancelled'] as const;
export const VOUCHER_EMAIL_STATUSES = ['not_sent', 'queued', 'sent', 'failed'] as const;
export type VoucherEmailStatus = (typeof VOUCHER_EMAIL_STATUSES)[number];

export const voucherLineSchema = z
  .object({
    id: z.uuid(),
    line_no: z.number().int(),
    product_id: z.uuid(),
    against_line_id: z.uuid().nullable().meta({ description: "A note's line: the original invoice's line it returns" }),
    product_name: z.string(),
    hsn_code: z.string().nullable(),
    unit: z.string(),
    quantity: quantitySchema,
    unit_price: moneySchema,
    is_gst_inclusive: z.boolean(),
    discount_percentage: z.string(),
    discount_amount: moneySchema,
    discount_flat: z.boolean().meta({
      description: 'The discount was given as a flat amount (discount_amount) rather than discount_percentage',
    }),
    gst_rate: z.string(),
    taxable_amount: moneySchema,
    cgst_amount: moneySchema,
    sgst_amount: moneySchema,
    igst_amount: moneySchema,
    total_amount: moneySchema,
  })
  .meta({ id: 'VoucherLine' });

export const voucherPartySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  name: z.string(),
  gstin: z.string().nullable(),
  state_code: z.string().nullable(),
});

export const voucherLedgerRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const voucherLedgerLineSchema = z
  .object({
    line_no: z.number().int(),
    ledger_id: z.uuid(),
    ledger_name: z.string(),
    side: z.enum(['debit', 'credit']),
    amount: moneySchema,
    narration: z.string().nullable(),
  })
  .meta({ id: 'VoucherLedgerLine' });

export const voucherAllocationSchema = z
  .object({
    id: z.uuid(),
    bill_id: z.uuid(),
    bill_ref: z.string(),
    bill_date: z.string(),
    bill_voucher_id: z.uuid().nullable().meta({ description: 'The invoice the bill is; null for an opening bill' }),
    amount: moneySchema,
    allocated_at: z.string(),
  })
  .meta({ id: 'VoucherAllocation' });

export const voucherSummarySchema = z
  .object({
    id: z.uuid(),
    voucher_type: voucherTypeSchema,
    voucher_number: z.string(),
    date: z.string(),
    fiscal_year: z.string(),
    status: z.enum(VOUCHER_STATUSES),
    party: voucherPartySchema.nullable().meta({ description: 'None for a journal or contra, or a receipt or payment of another ledger' }),
    customer_id: z.uuid().nullable().optional(),
    vendor_id: z.uuid().nullable().optional(),
    place_of_supply: z.string().nullable().meta({ description: 'GST state code; null for a voucher without item lines' }),
    supplier_state_code: z.string().nullable(),
    is_inter_state: z.boolean(),
    due_date: z.string().nullable(),
    reference: z.string().nullable(),
    supplier_invoice_number: z.string().nullable(),
    supplier_invoice_date: z.string().nullable(),
    notes: z.string().nullable(),
    reason: z.string().nullable().meta({ description: "A note's reason (credit and debit notes)" }),
    against_voucher_id: z.uuid().nullable().meta({ description: 'A note: the invoice it is made against' }),
    against_voucher_number: z.string().nullable(),
    against_voucher_date: z.string().nullable(),
    cash_bank_ledger: voucherLedgerRefSchema.nullable().meta({ description: "A receipt's or payment's cash or bank ledger" }),
    other_ledger: voucherLedgerRefSchema.nullable().meta({ description: 'The ledger a receipt or payment names instead of a party' }),
    amount: moneySchema.nullable().meta({ description: 'A voucher without lines (receipt, payment): its amount, also its grand total' }),
    mode: z.enum(['cash', 'cheque', 'bank_transfer', 'upi']).nullable(),
    instrument_number: z.string().nullable(),
    instrument_date: z.string().nullable(),
    transfer_reference: z.string().nullable(),
    line_count: z.number().int(),
    discount_amount: moneySchema,
    taxable_amount: moneySchema,
    cgst_amount: moneySchema,
    sgst_amount: moneySchema,
    igst_amount: moneySchema,
    total_amount: moneySchema,
    round_off: moneySchema,
    grand_total: moneySchema,
    email_status: z.enum(VOUCHER_EMAIL_STATUSES),
    email_error: z.string().nullable(),
    email_to: z.string().nullable(),
    created_by: z.uuid().nullable(),
    created_by_email: z.string().nullable(),
    created_at: z.string(),
    cancelled_at: z.string().nullable(),
    cancelled_by: z.uuid().nullable(),
    cancel_reason: z.string().nullable(),
  })
  .meta({ id: 'VoucherSummary' });

export const voucherSchema = voucherSummarySchema
  .extend({
    amount_in_words: z.string(),
    items: z.array(voucherLineSchema),
    ledger_lines: z.array(voucherLedgerLineSchema).meta({ description: "A journal's or contra's lines; empty for other types" }),
    allocations: z
      .array(voucherAllocationSchema)
      .meta({ description: "The party's bills this receipt or payment settles (live allocations); empty for other types" }),
    on_account: moneySchema
      .nullable()
      .meta({ description: 'What a receipt or payment of a party has not allocated yet (an advance); null for other types' }),
  })
  .meta({ id: 'Voucher' });

export const voucherListTotalsSchema = z
  .object({
    count: z.number().int().meta({ description: 'Every voucher the filters match, cancelled ones included' }),
    cancelled_count: z.number().int(),
    taxable_amount: moneySchema.meta({ description: 'Of the posted (not cancelled) vouchers matched' }),
    tax_amount: moneySchema,
    grand_total: moneySchema,
  })
  .meta({ id: 'VoucherListTotals' });

export const voucherPageSchema = z.object({
  items: z.array(voucherSummarySchema),
  next_cursor: z.string().nullable(),
  summary: voucherListTotalsSchema
    .nullable()
    .meta({ description: "The filters' count and totals, on the first page only (null on later pages)" }),
});

export const voucherListQuery = z.object({
  from_date: dateField.optional(),
  to_date: dateField.optional(),
  party_id: z.uuid({ message: 'must be a UUID' }).optional().meta({ description: "The voucher's party (customer or vendor)" }),
  status: z.enum(VOUCHER_STATUSES).optional(),
  search: z.string().trim().min(1).max(100).optional().meta({
    description: 'A whole voucher number (SV/2526/00017), a sequence number (17, any financial year), or else part of the party name',
  }),
  ...pageQuery,
  ...exportFormatField,
});

export const nextNumberQuery = z.object({ date: dateField.optional().meta({ description: 'Defaults to today (India)' }) });

export const nextNumberSchema = z
  .object({
    voucher_type: voucherTypeSchema,
    date: z.string(),
    fiscal_year: z.string(),
    voucher_number: z.string(),
    note: z.string(),
  })
  .meta({ id: 'NextVoucherNumber' });

export const voucherCancelSchema = z.object({
  reason: requiredText(500, { multiline: true }).refine((v) => v.length >= 3, { message: 'must be at least 3 characters' }),
});

export const voucherEmailSchema = z.object({
  to: optionalText(254).refine((v) => v == null || z.email().safeParse(v).success, { message: 'must be an email address' }),
});

export const voucherEmailResultSchema = z
  .object({
    voucher_id: z.uuid(),
    voucher_number: z.string(),
    email_status: z.enum(VOUCHER_EMAIL_STATUSES),
    email_to: z.string(),
    message: z.string(),
  })
  .meta({ id: 'VoucherEmailQueued' });

/** At most this many products are asked about at once (one picker's page of options). */
export const LAST_RATES_MAX_PRODUCTS = 50;

export const lastRatesQuery = z.object({
  party_id: z.uuid({ message: 'must be a UUID' }).meta({ description: "The voucher's party (customer or vendor)" }),
  product_ids: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(
      z
        .array(z.uuid({ message: 'must be a product UUID (the list is comma-separated)' }))
        .min(1, { message: 'must name at least one product' })
        .max(LAST_RATES_MAX_PRODUCTS, { message: `must name at most ${LAST_RATES_MAX_PRODUCTS} products` }),
    )
    .meta({ description: `Comma-separated product ids (at most ${LAST_RATES_MAX_PRODUCTS})` }),
});

export const lastRatesSchema = z
  .object({
    items: z.array(
      z.object({
        product_id: z.uuid(),
        unit_price: moneySchema,
        is_gst_inclusive: z.boolean(),
        discount_percentage: z.string(),
        voucher_id: z.uuid(),
        voucher_number: z.string(),
        voucher_date: z.string(),
      }),
    ),
  })
  .meta({
    id: 'LastRates',
    description: 'Per product, the line of the latest active voucher of this type to the party; products never billed to it are left out.',
  });

/** The copies a tax invoice is printed in (rule 48 of the CGST Rules), in this order. */
export const INVOICE_COPY_NAMES = ['original', 'duplicate', 'triplicate'] as const;
export type InvoiceCopyName = (typeof INVOICE_COPY_NAMES)[number];

const COPIES_MESSAGE = 'must be original, duplicate, triplicate or all, or a comma-separated list of them (e.g. original,duplicate)';

export const voucherPdfQuery = z.object({
  copies: z
    .string()
    .max(100, { error: COPIES_MESSAGE })
    .optional()
    .transform((raw, ctx): InvoiceCopyName[] => {
      if (raw === undefined || raw.trim() === '') return ['original'];
      const asked = raw.split(',').map((s) => s.trim().toLowerCase());
      if (asked.length === 1 && asked[0] === 'all') return [...INVOICE_COPY_NAMES];
      if (!asked.every((c): c is InvoiceCopyName => (INVOICE_COPY_NAMES as readonly string[]).includes(c))) {
        ctx.addIssue({ code: 'custom', message: COPIES_MESSAGE });
        return z.NEVER;
      }
      return INVOICE_COPY_NAMES.filter((c) => asked.includes(c));
    })
    .meta({
      description:
        '`original` (the default), `duplicate`, `triplicate`, `all`, or a list such as `original,duplicate`: one set of pages per copy',
    }),
});

export const upiPaymentSchema = z
  .object({
    uri: z
      .string()
      .nullable()
      .meta({ description: '`upi://pay?pa=…&pn=…&am=…&cu=INR&tn=<invoice number>`; null when there is nothing to pay by UPI' }),
    amount: z.string().nullable().meta({ description: 'What the QR asks for: the amount still to be paid' }),
    qr_svg: z.string().nullable().meta({ description: 'The QR of `uri` as SVG markup (the same QR the PDF prints)' }),
    reason: z
      .enum(['no_upi_id', 'nothing_due', 'cancelled'])
      .nullable()
      .meta({ description: 'Why there is no QR: the organisation has no UPI ID, nothing is due, or the voucher is cancelled' }),
  })
  .meta({ id: 'UpiPayment' });
