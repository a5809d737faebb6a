import type { z } from 'zod';

/**
 * The one rule for stored free text (names, addresses, descriptions, notes, reasons): it is
 * normalised to NFC, so "Café" typed two ways is one name (search, uniqueness, PDFs), and it
 * refuses characters that make text lie about itself:
 *
 * - control characters (C0, DEL, C1): NUL breaks PostgreSQL text, others corrupt CSV, PDF and
 *   email output; line breaks and tabs only in text that may have several lines;
 * - bidirectional formatting (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates,
 *   U+200E/U+200F and U+061C marks): a name such as "Invoice\u202Efdp.exe" reads differently from
 *   what it is ("Trojan Source"), in the app, in exports and in emails.
 */

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Every control character but tab, line feed and carriage return. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
/** What a single-line field refuses besides: tabs and line breaks, Unicode's line and paragraph separators included. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;

export interface TextRules {
  /** Line breaks and tabs are allowed (notes, descriptions, reasons). */
  multiline?: boolean;
}

export const BIDI_TEXT_MESSAGE =
  'must not contain direction-override or direction-mark characters (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C)';
export const CONTROL_TEXT_MESSAGE = 'must not contain control characters';
export const LINE_BREAK_TEXT_MESSAGE = 'must be a single line (no line breaks or tabs)';

/** NFC, the form the product stores and compares. */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/** What is wrong with a text under the rule above, as a message naming no field (the error names it), or null. */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  if (BIDI.test(value)) return BIDI_TEXT_MESSAGE;
  if (CONTROL.test(value)) return CONTROL_TEXT_MESSAGE;
  if (!rules.multiline && LINE_BREAK.test(value)) return LINE_BREAK_TEXT_MESSAGE;
  return null;
}

/** The rule as a Zod check, for `.superRefine` on a string schema (after trim and normalize). */
export function refuseUnsafeText(rules: TextRules = {}) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(value, rules);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}
