import type { z } from 'zod';
import { validationError } from './app-error';

/**
 * Keyset pagination cursors: the sort key of the last row of a page, opaque to clients
 * (base64url JSON). A cursor that does not decode to the list's key shape is a 422 on
 * `query.cursor`, never a 500.
 */
export function encodeCursor(key: readonly (string | number | boolean)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, shape: z.ZodType<T>): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw validationError('query.cursor', 'is not a cursor returned by this list');
  }
  const result = shape.safeParse(parsed);
  if (!result.success) throw validationError('query.cursor', 'is not a cursor returned by this list');
  return result.data;
}

export function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * One page from `limit + 1` rows fetched in list order: the extra row only says there is more,
 * and the cursor is the key of the page's last row.
 */
export function pageOf<R, V>(rows: R[], limit: number, present: (row: R) => V, keyOf: (row: R) => readonly (string | number)[]) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(present), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
