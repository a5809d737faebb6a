import fc from 'fast-check';
import { fuzzValue, hostileCursor, hostileString, resolveRef, shaped, type Components, type JsonSchema } from './schema-arbitrary';

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Components };
}

export interface FuzzOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/v1/users/{id}. */
  path: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  body: JsonSchema | undefined;
  authenticated: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Percent-encodes a path segment; text that cannot be encoded (a lone surrogate) goes as invalid UTF-8. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value) || '%20';
  } catch {
    return '%ED%A0%80';
  }
}

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase() as FuzzOperation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        authenticated: (op.security ?? []).length > 0,
      });
    }
  }
  return ops;
}

export interface FuzzRequest {
  method: FuzzOperation['method'];
  url: string;
  body: unknown;
  hasBody: boolean;
  /** Index into the caller-supplied list of credentials; -1 means none. */
  credential: number;
  /** Sent instead of `body` as JSON: bytes that are not (valid) JSON, or under another content type. */
  raw?: RawBody;
}

export interface RawBody {
  contentType: string | undefined;
  payload: string;
}

/** The group a route belongs to in the fuzz summary: `/api/v1/vouchers/{type}/{id}` -> `vouchers`. */
export function routeClass(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[0] === 'api' ? (parts[2] ?? 'api') : (parts[0] ?? '/');
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  'nul',
  'NaN',
  '{"a":NaN}',
  '{"a":1e999}',
  '{"a":-}',
  '\uFEFF{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '"\u0000"',
  '{"__proto__":{"role":"super_admin"}}',
  '{"constructor":{"prototype":{"role":"super_admin"}}}',
  '{"a":1,"a":2}',
  '"just a string"',
  '123',
  'null',
  'true',
  '[]',
  '[{}]',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"a":"${'x'.repeat(2_000_000)}"}`,
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/jsonx',
  '*/*',
  'json',
  '',
];

/**
 * Bodies a JSON route must refuse cleanly: malformed or truncated JSON, JSON under the wrong
 * content type (or none), form and multipart bytes, an empty body that says it is JSON, 2 MB.
 */
function rawBody(schema: JsonSchema | undefined, components: Components): fc.Arbitrary<RawBody> {
  const json = (schema ? shaped(schema, components) : fc.constant({})).map((v) => JSON.stringify(v) ?? '');
  return fc.oneof(
    fc.record({ contentType: fc.constant('application/json'), payload: fc.constantFrom(...MALFORMED_JSON) }),
    json.chain((text) =>
      fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({ contentType: 'application/json', payload: text.slice(0, cut) })),
    ),
    fc.record({ contentType: fc.constantFrom<string | undefined>(...WRONG_CONTENT_TYPES, undefined), payload: json }),
    fc.record({
      contentType: fc.constant('application/x-www-form-urlencoded'),
      payload: fc.constantFrom('a=1&b=2', 'email=%ZZ&password=%', 'items[0][quantity]=1e999', '=&=&', 'x='.concat('y'.repeat(10_000))),
    }),
    fc.record({
      contentType: fc.constant('multipart/form-data; boundary=zzz'),
      payload: fc.constantFrom('--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zzz--', '--zzz'),
    }),
    fc.constant({ contentType: 'application/json', payload: '' }),
  );
}

/**
 * One request to one operation: path parameters from real ids of the database (so lookups hit
 * real rows of other tenants too) or hostile strings, query values stringified as a browser would,
 * a JSON body shaped by the schema or damaged, under one of the given credentials.
 */
export function requestArbitrary(
  op: FuzzOperation,
  components: Components,
  knownIds: string[],
  credentialCount: number,
): fc.Arbitrary<FuzzRequest> {
  const idArb = knownIds.length
    ? fc.oneof(fc.constantFrom(...knownIds), hostileString({ format: 'uuid' }))
    : hostileString({ format: 'uuid' });
  const pathArb = fc.tuple(...op.pathParams.map(() => idArb)).map((values) => {
    let url = op.path;
    op.pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeSegment(String(values[i])));
    });
    return url;
  });
  const queryArb = fc
    .tuple(
      ...op.queryParams.map((p) =>
        fc.option(p.name === 'cursor' ? hostileCursor() : fuzzValue(resolveRef(p.schema ?? {}, components), components), {
          nil: undefined,
          freq: 2,
        }),
      ),
    )
    .map((values) => {
      const search = new URLSearchParams();
      op.queryParams.forEach((p, i) => {
        const v = values[i];
        if (v === undefined) return;
        search.append(p.name, (typeof v === 'string' ? v : JSON.stringify(v)).replace(/[\uD800-\uDFFF]/g, '?'));
      });
      const text = search.toString();
      return text ? `?${text}` : '';
    });
  const bodyArb: fc.Arbitrary<unknown> = op.body ? fuzzValue(op.body, components) : fc.constant(undefined);
  const credentialArb = fc.integer({ min: -1, max: credentialCount - 1 });
  // A route that takes a body gets a damaged one a quarter of the time; other writes now and then.
  const rawArb: fc.Arbitrary<RawBody | undefined> =
    op.method === 'GET'
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: op.body ? 3 : 6, arbitrary: fc.constant<RawBody | undefined>(undefined) },
          { weight: 1, arbitrary: rawBody(op.body, components) },
        );
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb, credential: credentialArb, raw: rawArb }).map((r) => ({
    method: op.method,
    url: r.path + r.query,
    body: r.body,
    hasBody: op.body !== undefined && r.body !== undefined,
    credential: r.credential,
    ...(r.raw ? { raw: r.raw } : {}),
  }));
}
