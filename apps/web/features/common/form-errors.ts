import type { z } from 'zod';
import { ApiError } from '@/lib/api-client';

/** Zod issues as Mantine form errors keyed by field name (first message per field). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    out[key] ??= fieldMessage(key, issue.message);
  }
  return out;
}

function fieldMessage(field: string, message: string): string {
  // The shared schemas phrase messages to follow the field's name ("is required", "must be ...").
  return /^(is|must|should|cannot|has)\b/.test(message) ? `${humanize(field)} ${message}` : message;
}

export function humanize(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A Mantine `validate` function from a shared Zod schema: the same rules as the API, messages next to the fields. */
export function schemaValidator<T>(schema: z.ZodType, transform: (values: T) => unknown = (v) => v) {
  return (values: T): Record<string, string> => {
    const parsed = schema.safeParse(transform(values));
    return parsed.success ? {} : zodFieldErrors(parsed.error);
  };
}

/** The API's per-field refusals, ready for `form.setErrors`. */
export function apiFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(err.fieldErrors))
    out[field.replace(/^body\./, '')] = fieldMessage(field.replace(/^body\./, ''), message);
  return out;
}
