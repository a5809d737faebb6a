import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { InvalidSchemaError, ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, safeParse } from 'zod/v4/core';

/**
 * Kinds of schema that read a value the same way in both directions: no codec, pipe, transform,
 * default, catch or other step that runs one way on the way in and another on the way out.
 */
const SAME_BOTH_WAYS = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'literal',
  'enum',
  'date',
  'any',
  'unknown',
  'object',
  'array',
  'tuple',
  'record',
  'optional',
  'nullable',
  'nonoptional',
  'union',
  'intersection',
]);

interface WalkedDef {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
  keyType?: $ZodType;
  valueType?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  left?: $ZodType;
  right?: $ZodType;
}

/** Whether every part of `schema` is of a kind in SAME_BOTH_WAYS (recursive schemas are walked once). */
export function sameBothWays(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as unknown as WalkedDef;
  if (!SAME_BOTH_WAYS.has(def.type)) return false;
  const parts: ($ZodType | null | undefined)[] = [
    ...(def.shape ? Object.values(def.shape) : []),
    def.catchall,
    def.element,
    ...(def.items ?? []),
    def.rest,
    def.keyType,
    def.valueType,
    def.innerType,
    ...(def.options ?? []),
    def.left,
    def.right,
  ];
  return parts.every((part) => !part || sameBothWays(part, seen));
}

function resolveSchema(maybeSchema: unknown): $ZodType {
  if (maybeSchema instanceof $ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new InvalidSchemaError(JSON.stringify(maybeSchema));
}

/**
 * fastify-type-provider-zod's serializer compiler (the answer checked against its schema, keys
 * outside it dropped, then JSON.stringify), but a schema that reads the same both ways is checked
 * with Zod's forward parse instead of `safeEncode`: the same value, the same checks, the same
 * refusal, at about half the cost (a 5-line voucher answer 63-72 -> 41-46 µs of CPU with its
 * JSON.stringify). `safeEncode` parses each schema that has checks twice (a first pass without
 * checks, to learn whether the value can be encoded at all, then the real one) and copies the
 * parse context for each. A schema with any step that runs one way only (a codec, a default)
 * keeps `safeEncode`.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema: maybeSchema, method, url }) => {
  const schema = resolveSchema(maybeSchema);
  const check = sameBothWays(schema) ? safeParse : safeEncode;
  return (data) => {
    const result = check(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
