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

// Loops over Object.keys rather than `Object.entries` and `map`: no pair arrays or callbacks per
// key, on every request's body and answer.
function convert(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(convert(value[i], rename));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out[rename(key)] = convert(value[key], rename);
  }
  return out;
}

export function camelizeKeys<T>(value: T): Camelized<T> {
  return convert(value, toCamel) as Camelized<T>;
}

export function snakeizeKeys<T>(value: T): Snakeized<T> {
  return convert(value, toSnake) as Snakeized<T>;
}
