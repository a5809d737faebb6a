import { z } from 'zod';
import { gstinProblem } from './gstin';
import { panProblem } from './pan';
import { pinCodeProblem } from './pin-code';
import { GST_STATE_CODES, isGstStateCode } from './state-codes';

function checked(problem: (value: string) => string | null) {
  return (value: string, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

/** Upper-cased and trimmed before it is checked, so `27aapfu0939f1zv` is accepted as typed. */
export const gstinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine(checked(gstinProblem))
  .meta({ description: 'GSTIN: 15 characters with a valid check character', example: '27AAPFU0939F1ZV' });

export const panSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine(checked(panProblem))
  .meta({ description: 'PAN: 5 letters, 4 digits, 1 letter', example: 'AAPFU0939F' });

export const pinCodeSchema = z
  .string()
  .trim()
  .superRefine(checked(pinCodeProblem))
  .meta({ description: '6-digit PIN code', example: '411001' });

export const stateCodeSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!isGstStateCode(value)) ctx.addIssue({ code: 'custom', message: 'must be a 2-digit GST state code (01-38 or 97)' });
  })
  .meta({ description: 'Two-digit GST state code', example: '27', enum: Object.keys(GST_STATE_CODES) });

/**
 * A UPI virtual payment address, `name@bank` (NPCI: the handle of letters, digits, dots, dashes
 * and underscores, then the payment provider's code). Lower-cased: UPI IDs are case-insensitive.
 */
export const UPI_ID_RE = /^[a-z0-9][a-z0-9._-]{1,255}@[a-z][a-z0-9.-]{1,63}$/;

export const upiIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(UPI_ID_RE, { error: 'must be a UPI ID such as name@bank' })
  .meta({ description: 'UPI ID (virtual payment address), `name@bank`', example: 'tritiq@okhdfcbank' });
