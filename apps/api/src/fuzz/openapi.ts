import fc from 'fast-check';
import { fuzzValue, hostileString, resolveRef, type Components, type JsonSchema } from './schema-arbitrary';

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
  const idArb = knownIds.length ? fc.oneof(fc.constantFrom(...knownIds), hostileString({ format: 'uuid' })) : hostileString({ format: 'uuid' });
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
        fc.option(fuzzValue(resolveRef(p.schema ?? {}, components), components), { nil: undefined, freq: 2 }),
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
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb, credential: credentialArb }).map((r) => ({
    method: op.method,
    url: r.path + r.query,
    body: r.body,
    hasBody: op.body !== undefined && r.body !== undefined,
    credential: r.credential,
  }));
}
