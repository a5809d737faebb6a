import { voucherPageSchema, voucherSchema } from '@tritiq/contracts';
import { ResponseSerializationError, serializerCompiler as libraryCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sameBothWays, serializerCompiler } from './serializer';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });
const compileLibrary = (schema: z.ZodType) => libraryCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

const answer = z.object({
  id: z.uuid(),
  code: z.string().max(5),
  amount: z.string().regex(/^-?\d+\.\d{2}$/),
  status: z.enum(['active', 'cancelled']),
  note: z.string().nullable(),
  lines: z.array(z.object({ n: z.number().int(), flag: z.boolean().optional() })),
  either: z.union([z.object({ kind: z.literal('a'), a: z.string() }), z.object({ kind: z.literal('b'), b: z.number() })]),
});

const value = {
  id: '0190a0b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  code: 'SV1',
  amount: '12.50',
  status: 'active',
  note: null,
  lines: [{ n: 1, flag: true, extra: 'dropped' }, { n: 2 }],
  either: { kind: 'b', b: 3, secret: 'dropped' },
  password_hash: 'never leaves',
};

describe('serializerCompiler', () => {
  it('knows which schemas read the same both ways: the voucher answers do; a default, a codec or a transform does not', () => {
    expect(sameBothWays(voucherSchema)).toBe(true);
    expect(sameBothWays(voucherPageSchema)).toBe(true);
    expect(sameBothWays(answer)).toBe(true);
    expect(sameBothWays(z.object({ a: z.object({ b: z.string().default('x') }) }))).toBe(false);
    expect(sameBothWays(z.object({ a: z.array(z.string().transform((s) => s.length)) }))).toBe(false);
    const isoDate = z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() });
    expect(sameBothWays(z.object({ at: isoDate.nullable() }))).toBe(false);
    // A recursive schema is walked once.
    const node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    expect(sameBothWays(node)).toBe(true);
  });

  it('answers what the library answers: the same JSON, keys outside the schema dropped at every depth', () => {
    const json = compile(answer)(value);
    expect(json).toBe(compileLibrary(answer)(value));
    expect(JSON.parse(json)).toEqual({
      id: value.id,
      code: 'SV1',
      amount: '12.50',
      status: 'active',
      note: null,
      lines: [{ n: 1, flag: true }, { n: 2 }],
      either: { kind: 'b', b: 3 },
    });
    expect(json).not.toContain('never leaves');
  });

  it('refuses an answer that breaks its schema (a type, a check, a missing field) as the library does', () => {
    const bad = [
      { ...value, lines: [{ n: 1.5 }] },
      { ...value, code: 'TOO LONG' },
      { ...value, amount: '12.5' },
      { ...value, status: 'other' },
      { ...value, either: { kind: 'c' } },
      (({ note: _note, ...rest }) => rest)(value),
    ];
    for (const data of bad) {
      expect(() => compile(answer)(data)).toThrow(ResponseSerializationError);
      expect(() => compileLibrary(answer)(data)).toThrow(ResponseSerializationError);
    }
  });

  it('a schema with a codec is still encoded: the value goes out as the codec writes it', () => {
    const isoDate = z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() });
    const schema = z.object({ at: isoDate });
    const data = { at: new Date('2026-12-06T09:30:00.000Z') };
    expect(compile(schema)(data)).toBe('{"at":"2026-12-06T09:30:00.000Z"}');
    expect(compile(schema)(data)).toBe(compileLibrary(schema)(data));
  });
});
