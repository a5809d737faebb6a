/**
 * Plain words for Zod's built-in type errors. A field missing from a request (or from an imported
 * row) otherwise reads "Invalid input: expected string, received undefined", which is Zod talking
 * to a programmer; users and API clients get "is required" or "must be a number" instead, after
 * the field's name as every validation error puts it. Messages a schema sets itself always win:
 * this only replaces Zod's default text for `invalid_type`.
 *
 * Zod keeps its configuration on `globalThis.__zod_globalConfig` and takes the object it finds
 * there, so setting it there configures every copy of Zod, loaded before or after, without
 * importing Zod (the web app's first scripts do not load it).
 */

interface ZodIssueLike {
  code?: string;
  input?: unknown;
  expected?: string;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

/** The message for one Zod issue, or undefined to keep Zod's own. */
export function plainIssueMessage(issue: ZodIssueLike): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined || issue.input === null) return 'is required';
  const expected = issue.expected ? EXPECTED[issue.expected] : undefined;
  return expected ? `must be ${expected}` : undefined;
}

/** Makes every Zod in this process (or page) word type errors with plainIssueMessage. */
export function usePlainZodMessages(): void {
  const host = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  host.__zod_globalConfig = Object.assign(host.__zod_globalConfig ?? {}, { customError: plainIssueMessage });
}
