import type { z } from 'zod';
import { ApiError, errorMessage } from '@/lib/api-client';

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

/** How a person calls the fields whose wire names are not words (ids, acronyms). */
const FIELD_LABELS: Record<string, string> = {
  gstin: 'GSTIN',
  pan: 'PAN',
  hsn_code: 'HSN code',
  gst_rate: 'GST rate',
  state_code: 'State',
  pin_code: 'PIN code',
  customer_id: 'Customer',
  vendor_id: 'Vendor',
  party_id: 'Party',
  product_id: 'Product',
};

/**
 * A field's message as a sentence that names the field as the screen does ("GSTIN starts with
 * …", "Choose a customer"), never its wire name: the shared schemas phrase messages to follow the
 * field's name ("is required", "must be ..."); a message that is already a sentence stays.
 */
export function fieldMessage(field: string, message: string): string {
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  // An id is chosen from a list, never typed: "must be a UUID" means nothing was chosen.
  if (name.endsWith('_id') && /UUID|required|expected string/i.test(message)) return `Choose a ${humanize(name).toLowerCase()}`;
  if (/^[A-Z₹]/.test(message)) return message;
  return `${humanize(name)} ${message}`;
}

export function humanize(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What the alert above a refused form says: the API's refusals of fields the form shows beside
 * them are not repeated there (only "correct the marked fields"); any other is named as the
 * screen names it, never by its wire name.
 */
export function refusalMessage(err: unknown, shownBesideField: (field: string) => boolean = () => false): string {
  const fields = apiFieldErrors(err);
  const keys = Object.keys(fields);
  if (!(err instanceof ApiError) || keys.length === 0) return errorMessage(err);
  const elsewhere = keys.filter((k) => !shownBesideField(k));
  if (elsewhere.length === 0) {
    return keys.length === 1 ? 'Correct the field marked below.' : `Correct the ${keys.length} fields marked below.`;
  }
  return elsewhere.map((k) => fields[k]!).join(' ');
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
