import { z } from 'zod';
import { refuseUnsafeText, type TextRules } from './text';

/** Email as a login: trimmed and lower-cased (emails are compared case-insensitively). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be at most 254 characters' })
  .regex(z.regexes.email, { error: 'must be an email address' })
  .meta({ example: 'priya@example.in' });

export const isoDateTimeSchema = z.iso.datetime({ offset: true }).meta({ example: '2025-04-01T09:30:00.000Z' });

export const uuidSchema = z.uuid({ error: 'must be a UUID' });
export const idParamsSchema = z.object({ id: uuidSchema });

/** A short free-text field: trimmed, NFC, no control or direction characters (text.ts), not blank. */
export const textField = (max: number, rules: TextRules = {}) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine(refuseUnsafeText(rules))
    .min(1, { error: 'must not be blank' })
    .max(max, { error: `must be at most ${max} characters` });

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, { error: 'must be a phone number (digits, spaces, dashes, optional leading +)' })
  .meta({ example: '+91 98765 43210' });

export const messageResponseSchema = z.object({ message: z.string() }).meta({ id: 'Message' });

/** `?limit=&offset=` for the short lists of the accounts area (users, organisations). */
export const offsetPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const booleanQuery = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
