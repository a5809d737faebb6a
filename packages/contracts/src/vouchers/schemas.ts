import { z } from 'zod';
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
import { stateCodeProblem } from '../validation/state-codes';
import { partyFieldOf, type HeaderFieldSpec, type VoucherTypeDefinition } from './definition';

/** A documented limit: larger invoices are refused with 422 rather than slowing everyone. */
export const MAX_VOUCHER_LINES = 500;

export const voucherItemInputSchema = z.object({
  product_id: z.uuid({ message: 'must be a UUID' }),
  quantity: decimalField({ scale: 3, integerDigits: 11, min: '0', minExclusive: true }),
  unit_price: decimalField({ scale: 2, integerDigits: 12, min: '0' }).optional().meta({ description: "Defaults to the product's" }),
  discount_percentage: decimalField({ scale: 2, integerDigits: 3, min: '0', max: '100' }).default('0.00'),
  gst_rate: gstRateField.optional().meta({ description: "Defaults to the product's" }),
  is_gst_inclusive: z.boolean().optional().meta({ description: "Whether unit_price includes GST; defaults to the product's" }),
});

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
 * The header fields the engine stores today (columns of `vouchers`): a type may carry any of them.
 * The books and returns issues add theirs (a receipt's ledger, amount and mode) with their columns.
 */
export const STORED_HEADER_FIELDS = [
  'place_of_supply',
  'reference',
  'due_date',
  'supplier_invoice_number',
  'supplier_invoice_date',
  'reason',
] as const;
export type StoredHeaderField = (typeof STORED_HEADER_FIELDS)[number];

/** The request schema of one header field, from its spec. */
export function headerFieldSchema(spec: HeaderFieldSpec): z.ZodType {
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
  notes: string | null;
  send_email: boolean;
  items: z.output<typeof voucherItemInputSchema>[];
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
  };
  return z
    .object(shape)
    .superRefine((body, ctx) => {
      const b = body as Record<string, unknown>;
      if (b.date === undefined && b.voucher_date === undefined) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'is required' });
      } else if (b.date !== undefined && b.voucher_date !== undefined && b.date !== b.voucher_date) {
        ctx.addIssue({ code: 'custom', path: ['voucher_date'], message: 'differs from date; send one of them' });
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
        notes: (b.notes as string | null | undefined) ?? null,
        send_email: b.send_email as boolean,
        items: returns ? [] : (b.items as VoucherCreateBody['items']),
        reason: pick('reason'),
        against_voucher_id: returns ? (b.against_voucher_id as string) : null,
        note_items: returns ? (b.items as NoteItemInput[]) : null,
      };
    })
    .meta({ id: `${schemaIdOf(def.type)}VoucherCreate` }) as unknown as z.ZodType<VoucherCreateBody>;
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

export const voucherSummarySchema = z
  .object({
    id: z.uuid(),
    voucher_type: voucherTypeSchema,
    voucher_number: z.string(),
    date: z.string(),
    fiscal_year: z.string(),
    status: z.enum(VOUCHER_STATUSES),
    party: voucherPartySchema,
    customer_id: z.uuid().optional(),
    vendor_id: z.uuid().optional(),
    place_of_supply: z.string(),
    supplier_state_code: z.string(),
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
