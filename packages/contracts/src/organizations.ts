import { z } from 'zod';
import { booleanQuery, emailSchema, isoDateTimeSchema, offsetPageQuery, pageOf, phoneSchema, textField } from './common';
import { dateField } from './fields';
import { createdWithPasswordFields } from './users';
import { gstinProblem, taxIdentityProblems } from './validation/gstin';
import { panProblem } from './validation/pan';
import { isGstStateCode } from './validation/state-codes';
import { gstinSchema, panSchema, pinCodeSchema, stateCodeSchema, upiIdSchema } from './validation/schemas';

export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;

/** Company details (DOMAIN.md "Organisation profile"); the financial year always starts on 1 April. */
const profileFields = {
  legal_name: textField(200),
  gstin: gstinSchema,
  pan: panSchema,
  address_line1: textField(200),
  address_line2: textField(200),
  city: textField(100),
  state: textField(100),
  pin_code: pinCodeSchema,
  state_code: stateCodeSchema,
  phone: phoneSchema,
  email: emailSchema,
  /** Printed on invoices: where the customer pays by transfer, and by UPI (the PDF's QR). */
  bank_name: textField(100),
  bank_account_number: z
    .string()
    .trim()
    .regex(/^[0-9]{9,18}$/, { error: 'must be a bank account number of 9 to 18 digits' }),
  bank_ifsc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{4}0[A-Z0-9]{6}$/, { error: 'must be an IFSC: 4 letters, a zero, then 6 letters or digits (e.g. HDFC0001234)' }),
  bank_branch: textField(100),
  upi_id: upiIdSchema,
  invoice_terms: textField(1000, { multiline: true }).meta({ description: 'Terms printed at the foot of every invoice' }),
};

type ProfileKey = keyof typeof profileFields;

function nullableOptional<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>;
  };
}

/**
 * GSTIN against the state code and PAN sent with it (the stored values are checked by the
 * service). Values already refused on their own are left out, so each mistake is named once.
 */
function checkTaxIdentity(body: { gstin?: string | null; pan?: string | null; state_code?: string | null }, ctx: z.RefinementCtx) {
  const valid = <T extends string | null | undefined>(v: T, problem: (s: string) => string | null) =>
    v && problem(v) === null ? v : undefined;
  const identity = {
    gstin: valid(body.gstin, gstinProblem),
    pan: valid(body.pan, panProblem),
    stateCode: valid(body.state_code, (s) => (isGstStateCode(s) ? null : 'not a state code')),
  };
  for (const p of taxIdentityProblems(identity)) {
    ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  }
}

export const organizationProfileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    ...(Object.fromEntries(Object.keys(profileFields).map((k) => [k, z.string().nullable()])) as Record<
      ProfileKey,
      z.ZodNullable<z.ZodString>
    >),
    financial_year_start: z.literal('04-01').describe('MM-DD: the Indian financial year starts on 1 April'),
    updated_at: isoDateTimeSchema,
  })
  .meta({ id: 'OrganizationProfile' });

export const updateOrganizationProfileRequestSchema = z
  .object(nullableOptional(profileFields))
  .superRefine(checkTaxIdentity)
  .refine((body) => Object.values(body).some((v) => v !== undefined), { error: 'send at least one field to change' })
  .meta({ id: 'UpdateOrganizationProfileRequest' });

export const DATE_FORMATS = ['DD/MM/YYYY', 'DD-MM-YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY'] as const;

/**
 * A voucher number is `{PREFIX}/{FY}/{SEQ}` and a GST invoice number is at most 16 characters:
 * 4 for the year, 5 for the sequence and 2 slashes leave 5 for the prefix.
 */
export const voucherPrefixSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{1,5}$/, { error: 'must be 1 to 5 letters, digits or dashes (voucher numbers are at most 16 characters)' });

/** The most a voucher or stock adjustment may be dated after today (India), as a setting's ceiling. */
export const MAX_DAYS_AHEAD_LIMIT = 366;
/** A new organisation's (and every existing one's) limit: a voucher may be dated up to three days ahead. */
export const DEFAULT_MAX_DAYS_AHEAD = 3;

const prefixesDescription =
  "Per voucher type (as `GET /api/v1/voucher-types` lists them): the prefix of the current financial year's number series, which later years start with too";

const turnoverDescription =
  'The aggregate turnover is above ₹5 crore: GSTR-1 needs an HSN/SAC of at least 6 digits on every invoice line (4 otherwise)';

const remindersDescription =
  'The daily payment reminder job (09:00 India time) emails each customer the bills overdue by `payment_reminder_after_days` or more, with its statement attached; off by default';
const reminderAfterDescription = 'Days past its due date before the daily job first reminds a bill (1 to 365)';
const reminderEveryDescription =
  'The daily job reminds one bill at most once in this many days, counting reminders sent by hand too (1 to 365)';

const shareLinksDescription =
  "Members may make expiring public links to a voucher's PDF (for WhatsApp); off by default, and turning it off makes every link answer 410";

export const organizationSettingsSchema = z
  .object({
    allow_negative_stock: z.boolean(),
    voucher_prefixes: z.record(z.string(), z.string()).meta({ description: prefixesDescription }),
    sales_prefix: z.string().meta({ description: 'Deprecated: `voucher_prefixes.sales`', deprecated: true }),
    purchase_prefix: z.string().meta({ description: 'Deprecated: `voucher_prefixes.purchase`', deprecated: true }),
    date_format: z.enum(DATE_FORMATS),
    books_start_date: z.string().meta({ description: 'No voucher or stock adjustment may be dated before it (YYYY-MM-DD)' }),
    max_days_ahead: z.number().int().meta({ description: 'How many days after today (India) a voucher or stock adjustment may be dated' }),
    books_locked_until: z
      .string()
      .nullable()
      .meta({ description: 'Books locked up to this date: nothing dated on or before it may be posted or cancelled (409 BOOKS_LOCKED)' }),
    turnover_above_five_crore: z.boolean().meta({ description: turnoverDescription }),
    payment_reminders_enabled: z.boolean().meta({ description: remindersDescription }),
    payment_reminder_after_days: z.number().int().meta({ description: reminderAfterDescription }),
    payment_reminder_every_days: z.number().int().meta({ description: reminderEveryDescription }),
    share_links_enabled: z.boolean().meta({ description: shareLinksDescription }),
  })
  .meta({ id: 'OrganizationSettings' });

const reminderDays = z
  .number({ error: 'must be a whole number of days' })
  .int({ error: 'must be a whole number of days' })
  .min(1, { error: 'must be 1 or more' })
  .max(365, { error: 'must be at most 365' });

export const updateOrganizationSettingsRequestSchema = z
  .object({
    allow_negative_stock: z.boolean().optional(),
    voucher_prefixes: z
      .record(z.string().max(40), voucherPrefixSchema)
      .refine((m) => Object.keys(m).length <= 50, { error: 'names too many voucher types' })
      .optional()
      .meta({ description: prefixesDescription }),
    sales_prefix: voucherPrefixSchema.optional().meta({ description: 'Deprecated: `voucher_prefixes.sales`', deprecated: true }),
    purchase_prefix: voucherPrefixSchema.optional().meta({ description: 'Deprecated: `voucher_prefixes.purchase`', deprecated: true }),
    date_format: z.enum(DATE_FORMATS, { error: `must be one of ${DATE_FORMATS.join(', ')}` }).optional(),
    books_start_date: dateField.optional(),
    max_days_ahead: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(0, { error: 'must be 0 or more' })
      .max(MAX_DAYS_AHEAD_LIMIT, { error: `must be at most ${MAX_DAYS_AHEAD_LIMIT}` })
      .optional(),
    books_locked_until: dateField
      .nullable()
      .optional()
      .meta({ description: 'Lock the books up to this date (null unlocks): no voucher or stock adjustment dated on or before it' }),
    turnover_above_five_crore: z.boolean({ error: 'must be true or false' }).optional().meta({ description: turnoverDescription }),
    payment_reminders_enabled: z.boolean({ error: 'must be true or false' }).optional().meta({ description: remindersDescription }),
    payment_reminder_after_days: reminderDays.optional().meta({ description: reminderAfterDescription }),
    payment_reminder_every_days: reminderDays.optional().meta({ description: reminderEveryDescription }),
    share_links_enabled: z.boolean({ error: 'must be true or false' }).optional().meta({ description: shareLinksDescription }),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { error: 'send at least one field to change' })
  .meta({ id: 'UpdateOrganizationSettingsRequest' });

/** A licence as the super admin sees it. */
export const organizationSchema = organizationProfileSchema
  .extend({
    status: z.enum(ORGANIZATION_STATUSES),
    max_users: z.number().int(),
    active_users: z.number().int(),
    suspended_at: isoDateTimeSchema.nullable(),
    suspended_reason: z.string().nullable(),
    created_at: isoDateTimeSchema,
  })
  .meta({ id: 'Organization' });

export const maxUsersSchema = z.number().int({ error: 'must be a whole number' }).min(1).max(100_000);

export const createOrganizationRequestSchema = z
  .object({
    name: textField(200).min(3, { error: 'must be at least 3 characters' }),
    admin_email: emailSchema,
    admin_full_name: textField(200),
    max_users: maxUsersSchema.optional(),
    books_start_date: dateField
      .optional()
      .meta({ description: 'No voucher may be dated before it; defaults to the start of the current financial year (India)' }),
    ...(Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, v.optional()])) as {
      [K in ProfileKey]: z.ZodOptional<(typeof profileFields)[K]>;
    }),
  })
  .superRefine(checkTaxIdentity)
  .meta({ id: 'CreateOrganizationRequest' });

export const createOrganizationResponseSchema = z
  .object({
    message: z.string(),
    organization: organizationSchema,
    admin: z.object({ id: z.uuid(), email: z.string(), full_name: z.string() }),
    ...createdWithPasswordFields,
  })
  .meta({ id: 'CreateOrganizationResponse' });

export const updateOrganizationRequestSchema = z
  .object({ name: textField(200).min(3).optional(), max_users: maxUsersSchema.optional() })
  .refine((body) => body.name !== undefined || body.max_users !== undefined, { error: 'send name or max_users' })
  .meta({ id: 'UpdateOrganizationRequest' });

export const suspendOrganizationRequestSchema = z
  .object({ reason: textField(500, { multiline: true }).optional() })
  .meta({ id: 'SuspendOrganizationRequest' });

export const listOrganizationsQuerySchema = z.object({
  search: z.string().trim().max(100).optional(),
  status: z.enum(ORGANIZATION_STATUSES).optional(),
  has_gstin: booleanQuery.optional(),
  ...offsetPageQuery,
});

export const organizationPageSchema = pageOf(organizationSchema).meta({ id: 'OrganizationPage' });
