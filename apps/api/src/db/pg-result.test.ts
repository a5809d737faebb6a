import pg from 'pg';
import { describe, expect, it } from 'vitest';
import './client';
import { pgAddFields, plainAddFields } from './pg-result';

type Field = { name: string; dataTypeID: number; format?: string };

const field = (name: string, dataTypeID = 25, format?: string): Field => ({ name, dataTypeID, ...(format ? { format } : {}) });

/** A fresh pg Result given these fields by one implementation, and a row parsed through it. */
function described(addFields: typeof pgAddFields, fields: Field[], rowMode?: 'array', types?: unknown) {
  const Result = (pg as unknown as { Result: new (rowMode?: string, types?: unknown) => Record<string, unknown> }).Result;
  const result = new Result(rowMode, types);
  addFields.call(result as never, fields as never);
  const parseRow = result.parseRow as (row: (string | null)[]) => unknown;
  const raw = fields.map((f, i) => (i % 3 === 2 ? null : f.dataTypeID === 16 ? 't' : f.dataTypeID === 23 ? String(i) : `v${i}`));
  const row = parseRow.call(result, raw);
  return { result, row };
}

function expectSame(fields: Field[], rowMode?: 'array', types?: unknown) {
  const a = described(pgAddFields, fields, rowMode, types);
  const b = described(plainAddFields, fields, rowMode, types);
  expect(b.result.fields).toBe(fields);
  expect(b.result.fields).toEqual(a.result.fields);
  expect(b.result._parsers).toEqual(a.result._parsers);
  const ta = a.result._prebuiltEmptyResultObject as object | null;
  const tb = b.result._prebuiltEmptyResultObject as object | null;
  expect(Object.getPrototypeOf(tb)).toBe(Object.getPrototypeOf(ta));
  expect(Reflect.ownKeys(tb!)).toEqual(Reflect.ownKeys(ta!));
  expect(tb).toEqual(ta);
  expect(b.row).toEqual(a.row);
  if (rowMode !== 'array') {
    expect(Object.getPrototypeOf(b.row)).toBe(Object.getPrototypeOf(a.row));
    expect(Reflect.ownKeys(b.row as object)).toEqual(Reflect.ownKeys(a.row as object));
  }
}

describe("pg's Result.addFields on a plain object", () => {
  it('is installed on pg once db/client.ts is loaded', () => {
    const Result = (pg as unknown as { Result: { prototype: { addFields: unknown } } }).Result;
    expect(Result.prototype.addFields).toBe(plainAddFields);
    expect(pgAddFields).not.toBe(plainAddFields);
  });

  it("gives pg's own fields, parsers, empty row (keys, order, prototype) and parsed rows", () => {
    expectSame([field('id', 2950), field('name'), field('amount', 1700), field('active', 16), field('created_at', 1184)]);
    // The settings-with-party read's aliases, about 40 columns.
    expectSame(Array.from({ length: 42 }, (_, i) => field(`${i < 17 ? 's' : 'p'}.col${i}`, [25, 2950, 1700, 16, 23][i % 5])));
  });

  it('keeps the first position of a repeated name, integer-like names first, as pg does', () => {
    expectSame([field('b'), field('a'), field('b', 23), field('10'), field('2'), field('a', 16)]);
  });

  it('takes names that are properties of Object.prototype as own keys, as pg does', () => {
    expectSame([field('constructor'), field('toString'), field('hasOwnProperty', 23), field('valueOf')]);
  });

  it("leaves a column named __proto__ to pg's own code", () => {
    expectSame([field('id'), field('__proto__'), field('x', 23)]);
    const { result } = described(plainAddFields, [field('id'), field('__proto__')]);
    expect(Object.getPrototypeOf(result._prebuiltEmptyResultObject)).toBe(Object.prototype);
    expect(Object.keys(result._prebuiltEmptyResultObject as object)).toContain('__proto__');
  });

  it('handles no columns, array rows, binary format and per-query type parsers alike', () => {
    expectSame([]);
    expectSame([field('a'), field('b', 23)], 'array');
    expectSame([field('a', 17, 'binary'), field('b', 25, 'text')]);
    const parsers = new Map<number, (v: string) => string>([
      [25, (v) => `text:${v}`],
      [23, (v) => `int:${v}`],
    ]);
    const custom = { getTypeParser: (oid: number) => parsers.get(oid)! };
    expectSame([field('a'), field('b', 23)], undefined, custom);
  });
});
