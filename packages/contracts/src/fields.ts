import { z } from 'zod';
import { dec, decimalFromWire, decimalPlaces, type Decimal } from './money/decimal';
import { isCalendarDate, MAX_VOUCHER_DATE, MIN_VOUCHER_DATE } from './gst/numbering';
import { normalizeText, refuseUnsafeText, textProblem, type TextRules } from './text';

/**
 * Field schemas shared by request bodies: decimals that never become floats, calendar dates,
 * optional texts where "" means "none", and keyset pagination.
 */

export interface DecimalFieldOptions {
  /** Digits allowed after the point (2 for money, 3 for quantities). */
  scale: number;
  /** Digits allowed before the point (numeric(14,2) holds 12). */
  integerDigits: number;
  min?: string;
  /** The minimum itself is refused (quantities must be greater than zero). */
  minExclusive?: boolean;
  max?: string;
}

/** A decimal sent as a JSON string or number; answers the canonical string with `scale` places. */
export function decimalField(options: DecimalFieldOptions) {
  const min = options.min === undefined ? undefined : dec(options.min);
  const max = options.max === undefined ? undefined : dec(options.max);
  return z
    .union([z.string(), z.number()])
    .transform((raw, ctx): string => {
      const text = decimalFromWire(raw);
      if (text === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a decimal number such as 12.50' });
        return z.NEVER;
      }
      if (decimalPlaces(text) > options.scale) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${options.scale} decimal places` });
        return z.NEVER;
      }
      const value: Decimal = dec(text);
      if (value.abs().gte(dec(`1${'0'.repeat(options.integerDigits)}`))) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${options.integerDigits} digits before the decimal point` });
        return z.NEVER;
      }
      if (min && (options.minExclusive ? value.lte(min) : value.lt(min))) {
        ctx.addIssue({ code: 'custom', message: `must be ${options.minExclusive ? 'greater than' : 'at least'} ${options.min}` });
        return z.NEVER;
      }
      if (max && value.gt(max)) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${options.max}` });
        return z.NEVER;
      }
      return value.toFixed(options.scale);
    })
    .meta({ description: `A decimal with at most ${options.scale} places, as a string ("12.50") or a JSON number` });
}

/** Money on the wire: numeric(14,2) as a string with two decimals. */
export const moneySchema = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ description: 'Amount in rupees, two decimals, e.g. "1180.00"' });
/** Quantity on the wire: numeric(14,3) as a string with three decimals. */
export const quantitySchema = z
  .string()
  .regex(/^-?\d+\.\d{3}$/)
  .meta({ description: 'Quantity, three decimals, e.g. "2.500"' });

export const dateField = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date written YYYY-MM-DD' })
  .refine((d) => d >= MIN_VOUCHER_DATE && d <= MAX_VOUCHER_DATE, {
    message: `must be between ${MIN_VOUCHER_DATE} and ${MAX_VOUCHER_DATE}`,
  })
  .meta({ description: 'A calendar date, YYYY-MM-DD', example: '2025-06-30' });

/**
 * Optional free text: trimmed and checked as every stored text is (text.ts: NFC, no control or
 * direction characters); "" and null mean "none" (null), and a missing key stays undefined so an
 * update can tell "leave as it is" from "clear".
 */
export function optionalText(max: number, rules: TextRules = {}) {
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const t = v === null ? '' : normalizeText(v.trim());
      if (!t) return null;
      const problem = textProblem(t, rules);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return t;
    })
    .refine((v) => v === undefined || v === null || v.length <= max, { message: `must be at most ${max} characters` });
}

/** Required text, trimmed, checked as every stored text is (text.ts), not empty. */
export function requiredText(max: number, rules: TextRules = {}) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine(refuseUnsafeText(rules))
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` });
}

/** Optional upper-cased code (GSTIN, PAN, units) checked by `check`; as `optionalText` for ""/null/missing. */
export function optionalCode(check: (value: string) => string | null) {
  return z
    .string()
    .max(64)
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const t = v?.trim().toUpperCase();
      if (!t) return null;
      const problem = check(t);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return t;
    });
}

export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const MAX_PAGE_SIZE = 200;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z.string().max(512).optional().meta({ description: 'The `next_cursor` of the previous page' }),
};

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
