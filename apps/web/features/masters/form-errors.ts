import type { z } from 'zod';

/** Field path ("items.0.quantity") -> the first message for it, as the API names fields. */
export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Validates with the API's own schema: the parsed body, or the messages per field. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: zodFieldErrors(parsed.error) };
}

/** The API's field errors (422, or a 409 naming a field), keyed as the form keys its fields. */
export function apiFieldErrors(errors: Record<string, string> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors ?? {})) out[field.replace(/^body\.?/, '') || 'form'] ??= message;
  return out;
}
