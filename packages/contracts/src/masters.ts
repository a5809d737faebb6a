import { z } from 'zod';
import { exportFormatField } from './exports';
import {
  decimalField,
  moneySchema,
  optionalCode,
  optionalText,
  pageQuery,
  pageSchema,
  queryBoolean,
  quantitySchema,
  requiredText,
} from './fields';
import { isGstRate, GST_RATES } from './gst/rates';
import { gstinProblem } from './validation/gstin';
import { hsnCodeProblem } from './validation/hsn';
import { panProblem } from './validation/pan';
import { pinCodeProblem } from './validation/pin-code';
import { stateCodeProblem } from './validation/state-codes';

/** Vendors and customers share one shape (DOMAIN.md "Masters"); `kind` tells them apart. */
export const PARTY_KINDS = ['vendor', 'customer'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

const CONTACT_RE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

const partyFields = {
  name: requiredText(200),
  contact_number: optionalText(20).refine((v) => v == null || CONTACT_RE.test(v), {
    message: 'must be a phone number: digits, spaces and -, optionally starting with +',
  }),
  email: optionalText(254).refine((v) => v == null || z.email().safeParse(v).success, { message: 'must be an email address' }),
  address_line1: optionalText(200),
  address_line2: optionalText(200),
  city: optionalText(100),
  state: optionalText(100),
  pin_code: optionalCode(pinCodeProblem),
  state_code: optionalCode(stateCodeProblem),
  gstin: optionalCode(gstinProblem),
  pan: optionalCode(panProblem),
  credit_days: z
    .number({ message: 'must be a whole number of days' })
    .int({ message: 'must be a whole number of days' })
    .min(0, { message: 'must be 0 or more' })
    .max(3650, { message: 'must be at most 3650' })
    .optional()
    .meta({ description: "Days after an invoice's date its bill falls due when the invoice names no due date (default 0)" }),
};

export const partyCreateSchema = z.object(partyFields).meta({ id: 'PartyCreate' });
export const partyUpdateSchema = z.object({ ...partyFields, name: partyFields.name.optional(), is_active: z.boolean().optional() }).meta({
  id: 'PartyUpdate',
  description: 'Only the fields sent change; null clears an optional field. Changing is_active needs an admin.',
});

export const partySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(PARTY_KINDS),
    name: z.string(),
    contact_number: z.string().nullable(),
    email: z.string().nullable(),
    address_line1: z.string().nullable(),
    address_line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    pin_code: z.string().nullable(),
    state_code: z.string().nullable(),
    gstin: z.string().nullable(),
    pan: z.string().nullable(),
    credit_days: z.number().int(),
    is_active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Party' });

export const partyListQuery = z.object({
  search: z.string().trim().max(100).optional().meta({ description: 'Part of the name, contact number, email or GSTIN' }),
  active_only: queryBoolean.default(true).meta({ description: 'Only active parties (default true)' }),
  ...pageQuery,
  ...exportFormatField,
});

export const partyPageSchema = pageSchema(partySchema);

export const PRODUCT_UNITS = [
  'PCS',
  'NOS',
  'KG',
  'G',
  'L',
  'ML',
  'M',
  'CM',
  'MM',
  'BOX',
  'SET',
  'PAIR',
  'DOZ',
  'MT',
  'SQM',
  'SQFT',
  'HRS',
] as const;

const UNIT_RE = /^[A-Z][A-Z0-9]{0,7}$/;

const gstRateField = decimalField({ scale: 2, integerDigits: 3, min: '0', max: '100' }).refine(isGstRate, {
  message: `must be one of the GST rates: ${GST_RATES.join(', ')}`,
});

export { gstRateField };

const priceField = decimalField({ scale: 2, integerDigits: 12, min: '0' });

const productFields = {
  name: requiredText(200),
  part_number: optionalText(64),
  hsn_code: optionalCode(hsnCodeProblem),
  unit: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => UNIT_RE.test(v), {
      message: `must be a unit code of up to 8 letters or digits, e.g. ${PRODUCT_UNITS.slice(0, 6).join(', ')}`,
    }),
  purchase_price: priceField.optional().meta({ description: 'What the product is bought at; defaults to the sale price' }),
  sale_price: priceField.optional().meta({ description: 'What the product is sold at; required unless unit_price is sent' }),
  unit_price: priceField
    .optional()
    .meta({ description: 'Older clients: the sale price (and the purchase price when none is sent)', deprecated: true }),
  gst_rate: gstRateField.default('0.00'),
  is_gst_inclusive: z.boolean().default(false),
  reorder_level: decimalField({ scale: 3, integerDigits: 11, min: '0' }).default('0.000'),
  description: optionalText(2000, { multiline: true }),
};

export const productCreateSchema = z
  .object(productFields)
  .superRefine((p, ctx) => {
    if (p.sale_price === undefined && p.unit_price === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sale_price'], message: 'is required' });
    }
  })
  .meta({
    id: 'ProductCreate',
    description:
      'sale_price and purchase_price replace unit_price: a request with only unit_price sets both prices to it (as before issue 14).',
  });
export const productUpdateSchema = z
  .object({
    name: productFields.name.optional(),
    part_number: productFields.part_number,
    hsn_code: productFields.hsn_code,
    unit: productFields.unit.optional(),
    purchase_price: priceField.optional(),
    sale_price: priceField.optional(),
    unit_price: priceField.optional().meta({ description: 'Older clients: the sale price', deprecated: true }),
    gst_rate: gstRateField.optional(),
    is_gst_inclusive: z.boolean().optional(),
    reorder_level: decimalField({ scale: 3, integerDigits: 11, min: '0' }).optional(),
    description: productFields.description,
    is_active: z.boolean().optional(),
  })
  .meta({
    id: 'ProductUpdate',
    description: 'Only the fields sent change; null clears an optional field. Changing is_active needs an admin.',
  });

export const productSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    part_number: z.string().nullable(),
    hsn_code: z.string().nullable(),
    unit: z.string(),
    purchase_price: moneySchema,
    sale_price: moneySchema,
    unit_price: moneySchema.meta({ description: 'The sale price (kept for older clients)', deprecated: true }),
    gst_rate: z.string(),
    is_gst_inclusive: z.boolean(),
    reorder_level: quantitySchema,
    description: z.string().nullable(),
    is_active: z.boolean(),
    quantity_on_hand: quantitySchema,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Product' });

export const productListQuery = z.object({
  search: z.string().trim().max(100).optional().meta({ description: 'Part of the name, part number or HSN code' }),
  active_only: queryBoolean.default(true),
  ...pageQuery,
  ...exportFormatField,
});

export const productPageSchema = pageSchema(productSchema);

export const deletedSchema = z.object({ id: z.uuid(), deleted: z.literal(true) });
