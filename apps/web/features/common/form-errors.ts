import type { z } from 'zod';
import { ApiError } from '@/lib/api-client';

/** Field path ("items.0.quantity") -> the first message for it, as the API names fields. */
export type FieldErrors = Record<string, string>;

/** Zod issues keyed by field path (first message per field); "form" for an issue about the whole body. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    out[key] ??= fieldMessage(key, issue.message);
  }
  return out;
}

function fieldMessage(field: string, message: string): string {
  // The shared schemas phrase messages to follow the field's name ("is required", "must be ...").
  if (!/^(is|must|should|cannot|has)\b/.test(message)) return message;
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  return `${humanize(name)} ${message}`;
}

export function humanize(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Validates with the API's own schema: the parsed body, or the messages per field. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: zodFieldErrors(parsed.error) };
}

/** A Mantine `validate` function from a shared Zod schema: the same rules as the API, messages next to the fields. */
export function schemaValidator<T>(schema: z.ZodType, transform: (values: T) => unknown = (v) => v) {
  return (values: T): FieldErrors => {
    const result = validateWith(schema, transform(values));
    return result.ok ? {} : result.errors;
  };
}

/** The API's per-field refusals (a 422, or a 409 naming a field), keyed as the forms key their fields. */
export function apiFieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(err.fieldErrors)) {
    const key = field.replace(/^body\.?/, '') || 'form';
    out[key] ??= fieldMessage(key, message);
  }
  return out;
}
