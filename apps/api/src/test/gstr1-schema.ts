import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

/**
 * The GSTR-1 JSON schema kept beside the writer (`modules/gst-returns/gstr1.schema.json`, written
 * from the portal's published format), compiled once with ajv for the tests: every document the
 * tests generate is checked against it, so a change that breaks the portal's format fails a test
 * rather than an upload. ajv is a dev dependency: the product writes the format, only tests check it.
 */
const schema = JSON.parse(readFileSync(new URL('../modules/gst-returns/gstr1.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

export function gstr1SchemaErrors(doc: unknown): ErrorObject[] {
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}

/** Every number in the raw text has at most two decimals (the portal's amounts). */
export function numbersWithMoreThanTwoDecimals(raw: string): string[] {
  return [...raw.matchAll(/[:,[]\s*(-?\d+\.\d{3,})/g)].map((m) => m[1]!);
}
