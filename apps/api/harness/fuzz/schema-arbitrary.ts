import fc from 'fast-check';

/**
 * fast-check arbitraries driven by the OpenAPI document's JSON Schemas: values shaped like what a
 * route expects but filled with hostile leaves, and structural mutations of them (wrong types,
 * missing and extra fields, nulls, huge strings and arrays). Written here because no maintained
 * generator covers Zod 4's JSON Schema output; fast-check does the generating and shrinking.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
};

export type Components = Record<string, JsonSchema>;

export const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '\u0000',
  'nul\u0000inside',
  '\uD800',
  'emoji 🙂 𝕏 and हिन्दी',
  '\u202Eevil',
  'a'.repeat(5_000),
  'NaN',
  '-0',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  '%00%27',
  '\\',
  '\r\n\t',
  // More unicode: a lone low surrogate, a byte-order mark, zero-width and bidi controls, combining marks.
  '\uDC00',
  'a\uD83D',
  '\uFEFFbom',
  'zero\u200Bwidth\u200D',
  '\u202Bعربي\u202C \u2067שלום\u2069',
  'e\u0301\u0301\u0301',
  'ǅǈǋ ß ﬁ İ',
  '\u0085\u2028\u2029',
  '😀'.repeat(2_000),
  // More SQL and HTML fragments.
  "1' AND pg_sleep(5) IS NULL --",
  '$$; DROP TABLE vouchers; $$',
  "') UNION SELECT password_hash FROM users --",
  '%%s%%n%x',
  '<svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)">',
  '&lt;&#x3C;&#60;',
];

/** Numbers written as strings, the way money and quantities travel: at and past every limit. */
export const NUMERIC_STRINGS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1e308',
  '1e-308',
  '-0',
  '-0.00',
  '0x10',
  '1_000',
  '1,5',
  ' 1 ',
  '+1',
  '.5',
  '5.',
  '١٢٣',
  '99999999999.999',
  '100000000000.000',
  '999999999999.99',
  '9999999999999999999999999999999999.99',
  '0.0000000000000000001',
  '12.345678',
  '-1',
  '1e2',
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  0.001,
  0.0001,
  1.005,
  33.33,
  99.999,
  100,
  100.01,
  101,
  1e-9,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1e300,
  -1e300,
  12345678901234.56,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  99999999999.9995,
  999999999999.995,
];

/** Ids that are not ids: wrong shape, wrong version, the nil and max UUIDs, upper case, injection. */
export const HOSTILE_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01234567-89AB-7DEF-8123-456789ABCDEF',
  '0123456789ab7def8123456789abcdef',
  '{01234567-89ab-7def-8123-456789abcdef}',
  '01234567-89ab-7def-8123-456789abcdef\u0000',
  '1',
  '-1',
  '0',
  '9999999999999999999999',
  "1' OR '1'='1",
  '../users',
];

const HOSTILE_DATES = [
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '0000-01-01',
  '9999-12-31',
  '2025-1-1',
  '31/03/2026',
  '2026-03-31T25:00:00Z',
  '2026-04-01',
];

export function resolveRef(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const name = current.$ref.split('/').pop() ?? '';
    current = components[name] ?? {};
  }
  return current;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

const anyJson = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, '', 'x', [], {}),
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string(), { maxLength: 3 }),
);

export function hostileString(schema: JsonSchema = {}): fc.Arbitrary<string> {
  const pool: fc.Arbitrary<string>[] = [
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...NUMERIC_STRINGS),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  ];
  if (schema.format === 'uuid') pool.push(fc.uuid(), fc.constantFrom(...HOSTILE_IDS));
  if (schema.format === 'email') pool.push(fc.emailAddress(), fc.constantFrom('a@b', '@', 'UPPER@EXAMPLE.COM', `${'x'.repeat(300)}@x.com`));
  if (schema.format === 'date' || schema.format === 'date-time') pool.push(fc.constantFrom(...HOSTILE_DATES));
  if (schema.enum) pool.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema.maxLength !== undefined) pool.push(fc.constant('z'.repeat(schema.maxLength + 1)));
  if (schema.pattern) pool.push(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, 200)));
  return fc.oneof(...pool);
}

/** A number field gets hostile numbers, and sometimes a number written as a string (type confusion). */
function hostileNumber(integer: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: integer ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
  );
}

const encodeCursor = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).toString('base64url');

/**
 * A list cursor that is not one this API issued: base64 of other JSON, of a keyset with dates and
 * numbers at and past their limits, of non-JSON, or no base64 at all.
 */
export function hostileCursor(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString(),
    fc.jsonValue({ maxDepth: 2 }).map(encodeCursor),
    fc
      .tuple(
        fc.oneof(fc.constantFrom('2025-01-01', '2025-02-30', '9999-12-31', '', 'x'), fc.string()),
        fc.constantFrom<unknown>(1, 0, -1, 1.5, 1e308, 2 ** 53, '1', null),
      )
      .map(encodeCursor),
    fc.constantFrom('[', '"x"', '{"a":1}', '[[[[[[[[[[[]]]]]]]]]]]', '\u0000').map(encodeCursor),
    fc.constantFrom('%%%', '====', 'eyJ', 'a'.repeat(10_000), '!!!'),
  );
}

/** A value of the schema's shape whose leaves are hostile. */
export function shaped(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveRef(schema, components);
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => shaped(v, components, depth + 1)));
  if (s.allOf?.length) return shaped(s.allOf[0]!, components, depth + 1);
  if (s.enum?.length) return fc.oneof(fc.constantFrom(...s.enum), hostileString(s));
  const types = typesOf(s);
  const type = types.find((t) => t !== 'null') ?? 'any';
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) record[key] = shaped(props[key]!, components, depth + 1);
      return fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    case 'array': {
      const item = s.items ? shaped(s.items, components, depth + 1) : anyJson;
      return fc.array(item, { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 4, 4) });
    }
    case 'string':
      return hostileString(s);
    case 'integer':
      return hostileNumber(true);
    case 'number':
      return hostileNumber(false);
    case 'boolean':
      return fc.boolean();
    default:
      return anyJson;
  }
}

/** Structural damage applied to a shaped value. */
export function mutated(schema: JsonSchema, components: Components): fc.Arbitrary<unknown> {
  const base = shaped(schema, components);
  const s = resolveRef(schema, components);
  const isObject = typesOf(s).includes('object') || !!s.properties;
  const mutations: fc.Arbitrary<unknown>[] = [
    anyJson,
    fc.constant(null),
    fc.constant('x'.repeat(100_000)),
    fc.constant(Array.from({ length: 5_000 }, (_, i) => i)),
  ];
  if (isObject) {
    const props = Object.keys(s.properties ?? {});
    mutations.push(
      fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([value, key, extra]) => ({
        ...(value as object),
        [`extra_${key}`]: extra,
      })),
    );
    if (props.length) {
      mutations.push(
        fc.tuple(base, fc.constantFrom(...props), anyJson).map(([value, key, wrong]) => ({ ...(value as object), [key]: wrong })),
        fc.tuple(base, fc.constantFrom(...props)).map(([value, key]) => {
          const copy = { ...(value as Record<string, unknown>) };
          delete copy[key];
          return copy;
        }),
        fc.tuple(base, fc.constantFrom(...props)).map(([value, key]) => ({ ...(value as object), [key]: null })),
      );
    }
  }
  return fc.oneof(...mutations);
}

/** Either a shaped value or a mutated one. */
export function fuzzValue(schema: JsonSchema, components: Components): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: shaped(schema, components) }, { weight: 2, arbitrary: mutated(schema, components) });
}
