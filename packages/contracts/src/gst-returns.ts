import { z } from 'zod';
import { moneySchema } from './fields';

/**
 * The GST returns of BOOKS.md ("GST returns"): GSTR-1 (the portal's JSON, an Excel workbook and a
 * summary for the screen) and GSTR-3B for one month. The JSON download itself is the portal's
 * format (its schema is `apps/api/src/modules/gst-returns/gstr1.schema.json`), not a Zod schema:
 * it is streamed, never held whole.
 */

/** `YYYY-MM`: the return period (one calendar month). */
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const gstPeriodField = z
  .string({ error: 'must be a month as YYYY-MM' })
  .regex(PERIOD_RE, { error: 'must be a month as YYYY-MM, e.g. 2025-06' })
  .refine((p) => Number(p.slice(0, 4)) >= 2017, { error: 'must be July 2017 (GST) or later' })
  .meta({ description: 'The return period: a month as YYYY-MM' });

export const gstPeriodQuery = z.object({ period: gstPeriodField });

export const GSTR1_FORMATS = ['json', 'xlsx'] as const;

export const gstr1Query = z.object({
  period: gstPeriodField,
  format: z
    .enum(GSTR1_FORMATS, { error: 'must be json or xlsx' })
    .optional()
    .meta({ description: "json (default): the portal's upload file; xlsx: the same figures, one sheet per section" }),
});

/** The first and last day of a period (`2025-02` -> 2025-02-01, 2025-02-28). */
export function gstPeriodRange(period: string): { from: string; to: string; fp: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}`, fp: `${mm}${y}` };
}

/** A line that keeps the month's GSTR-1 from being exported (an HSN/SAC missing or too short). */
export const gstReturnProblemSchema = z
  .object({
    voucher_id: z.uuid(),
    voucher_type: z.string(),
    voucher_number: z.string(),
    voucher_date: z.string(),
    line_no: z.number().int(),
    product_name: z.string(),
    hsn_code: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'GstReturnProblem' });

export const GSTR1_SECTIONS = ['b2b', 'b2cl', 'b2cs', 'cdnr', 'cdnur', 'nil', 'hsn_b2b', 'hsn_b2c', 'doc_issue'] as const;
export type Gstr1Section = (typeof GSTR1_SECTIONS)[number];

const taxFigures = {
  taxable_value: moneySchema,
  igst: moneySchema,
  cgst: moneySchema,
  sgst: moneySchema,
  cess: moneySchema,
};

export const gstr1SummarySchema = z
  .object({
    period: z.string(),
    fp: z.string().meta({ description: "The portal's period: MMYYYY" }),
    gstin: z.string().nullable(),
    hsn_min_digits: z.number().int().meta({ description: '4, or 6 when the aggregate turnover is above ₹5 crore (organisation setting)' }),
    sections: z.array(
      z.object({
        section: z.enum(GSTR1_SECTIONS),
        label: z.string(),
        count: z
          .number()
          .int()
          .meta({ description: 'Invoices or notes (b2b, b2cl, cdnr, cdnur), rows (b2cs, nil, hsn), documents issued (doc_issue)' }),
        ...taxFigures,
      }),
    ),
    problems: z.array(gstReturnProblemSchema).meta({ description: 'What blocks the export; empty when it may be filed' }),
  })
  .meta({ id: 'Gstr1Summary' });

const headTotals = z.object({ igst: moneySchema, cgst: moneySchema, sgst: moneySchema, cess: moneySchema });

export const gstr3bSchema = z
  .object({
    period: z.string(),
    ret_period: z.string().meta({ description: 'MMYYYY' }),
    gstin: z.string().nullable(),
    outward_taxable: z
      .object(taxFigures)
      .meta({ description: '3.1(a): outward taxable supplies other than zero-rated, nil-rated and exempted, net of credit notes' }),
    outward_nil_rated: z
      .object({ taxable_value: moneySchema })
      .meta({ description: '3.1(c): nil-rated (0 %) outward supplies, net of credit notes' }),
    inter_state_unregistered: z
      .array(z.object({ place_of_supply: z.string(), taxable_value: moneySchema, igst: moneySchema }))
      .meta({ description: '3.2: inter-state supplies to unregistered persons, by place of supply' }),
    itc_available: headTotals.meta({
      description: '4(A)(5): input tax credit from purchase invoices of vendors with a GSTIN, net of their debit notes',
    }),
    itc_not_claimed: headTotals.meta({
      description: 'Input tax on purchases from vendors without a GSTIN (booked to the input ledgers, not claimable in 4(A)(5))',
    }),
    inward_nil_rated: z
      .object({ inter_state: moneySchema, intra_state: moneySchema })
      .meta({ description: '5: nil-rated (0 %) inward supplies, net of debit notes' }),
    inward_taxable_value: moneySchema.meta({
      description: "Taxable value of all purchases net of debit notes (the Purchase ledger's movement)",
    }),
    tax_heads: z
      .array(
        z.object({
          head: z.enum(['igst', 'cgst', 'sgst', 'cess']),
          output_tax: moneySchema,
          input_credit: moneySchema,
          difference: moneySchema.meta({ description: 'Output tax less input credit (negative: credit carried forward)' }),
        }),
      )
      .meta({ description: 'Per tax head: output tax (3.1(a)), credit (4(A)(5)) and the difference' }),
  })
  .meta({ id: 'Gstr3b' });

export type Gstr1Summary = z.infer<typeof gstr1SummarySchema>;
export type Gstr3b = z.infer<typeof gstr3bSchema>;
export type GstReturnProblem = z.infer<typeof gstReturnProblemSchema>;
