import type { CamelCasedPropertiesDeep, SnakeCasedPropertiesDeep } from 'type-fest';

/**
 * The wire format is snake_case and the code inside is camelCase. These two functions are the
 * one place where keys change case; they walk plain objects and arrays and leave every other
 * value (Date, Buffer, class instances) as it is.
 */
export type Camelized<T> = CamelCasedPropertiesDeep<T>;
export type Snakeized<T> = SnakeCasedPropertiesDeep<T>;

const camelCache = new Map<string, string>();
const snakeCache = new Map<string, string>();

function toCamel(key: string): string {
  let out = camelCache.get(key);
  if (out === undefined) {
    out = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (camelCache.size < 10_000) camelCache.set(key, out);
  }
  return out;
}

function toSnake(key: string): string {
  let out = snakeCache.get(key);
  if (out === undefined) {
    out = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snakeCache.size < 10_000) snakeCache.set(key, out);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function convert(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[rename(key)] = convert(inner, rename);
  return out;
}

export function camelizeKeys<T>(value: T): Camelized<T> {
  return convert(value, toCamel) as Camelized<T>;
}

export function snakeizeKeys<T>(value: T): Snakeized<T> {
  return convert(value, toSnake) as Snakeized<T>;
}
