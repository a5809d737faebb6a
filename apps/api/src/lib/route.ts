import { camelizeKeys, errorResponseSchema, snakeizeKeys, type Camelized } from '@tritiq/contracts';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { EXPORT_MEDIA_TYPES, renderExport, withFirstBatchRead, type ExportTable } from './export';
import { PrincipalChangedError, type AuthSpec, type Authenticator, type Principal } from './principal';
import { requestContext } from './request-context';

type AnyZod = z.ZodType;
type Parsed<S> = S extends AnyZod ? Camelized<z.output<S>> : undefined;

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface RouteContext<B, Q, P, A extends AuthSpec> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  principal: A extends 'public' ? null : Principal;
  meta: RequestMeta;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B, Q, P, R extends AnyZod, A extends AuthSpec> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body; its keys are snake_case on the wire and camelCase in the handler. */
  response: R;
  status?: 200 | 201 | 202;
  /** Extra route config, e.g. `{ rateLimit: {...} }` for @fastify/rate-limit. */
  config?: RouteShorthandOptions['config'];
  /** Bytes of body this route accepts, when not the app's default (an uploaded file). */
  bodyLimit?: number;
  handler: (ctx: RouteContext<B, Q, P, A>) => Promise<Camelized<z.output<R>>>;
  /**
   * The answer as a table for download (a report): the query schema carries `format`
   * (`exportFormatField`), and any format but `json` answers the file this table is written as
   * (lib/export.ts), with the same auth, validation and errors as the JSON.
   */
  exportAs?: (ctx: RouteContext<B, Q, P, A>) => Promise<ExportTable>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteDeps {
  authenticator: Authenticator;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null, requestId: request.id };
}

/**
 * Declares one HTTP route: its schemas (validated on the way in and out, and published in
 * OpenAPI), its auth requirement (checked before the handler runs), and the single place where
 * the wire's snake_case becomes the code's camelCase and back.
 */
function routeOptions(
  deps: RouteDeps,
  spec: Omit<RouteSpec<unknown, unknown, unknown, AnyZod, AuthSpec>, 'handler' | 'response'>,
  success: AnyZod | { description: string; content: Record<string, { schema: AnyZod }> },
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): RouteOptions {
  const status = spec.status ?? 200;
  const auth = spec.auth === 'public' ? undefined : (spec.auth as Exclude<AuthSpec, 'public'>);
  const errorResponses: Record<number, AnyZod> = { 422: errorResponseSchema };
  if (spec.auth !== 'public') {
    errorResponses[401] = errorResponseSchema;
    errorResponses[403] = errorResponseSchema;
  }
  return {
    method: spec.method,
    url: spec.url,
    config: spec.config,
    // Validation errors of a route whose session check is owed are answered once it has passed (settlingOwedCheck).
    ...(auth?.sessionCheck === 'in-transaction' ? { attachValidation: true } : {}),
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    schema: {
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      ...(spec.auth === 'public' ? {} : { security: [{ bearerAuth: [] }, { oauth2Password: [] }] }),
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      response: { [status]: success, ...errorResponses },
    },
    // Authentication runs before validation: a caller without access learns nothing about the schema.
    preValidation: auth
      ? async (request: FastifyRequest) => {
          const store = requestContext.getStore();
          if (!store || auth.sessionCheck !== 'in-transaction') {
            request.principal = await deps.authenticator.authenticate(request, auth);
            return;
          }
          const { principal, owed } = await deps.authenticator.authenticateOwing(request, auth);
          request.principal = principal;
          store.owed = owed;
        }
      : undefined,
    handler: auth?.sessionCheck === 'in-transaction' ? (request, reply) => settlingOwedCheck(deps, auth, request, reply, handler) : handler,
  };
}

/**
 * Runs an authenticated route's handler and settles the session check it owes (lib/request-context.ts)
 * before anything is answered: carried by its first transaction, or run now when it had none.
 * The check's failure is the answer, whatever the handler did or threw (its transactions rolled
 * back). When the session is live but the principal changed since it was read (a new role or
 * email), nothing was committed: the handler runs again with the principal read afresh, and
 * the route's own refusals (403) apply to it.
 */
async function settlingOwedCheck(
  deps: RouteDeps,
  auth: Exclude<AuthSpec, 'public'>,
  request: FastifyRequest,
  reply: FastifyReply,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): Promise<unknown> {
  // Validation errors wait for the session check (attachValidation): a caller whose session has
  // ended learns nothing about the schema.
  const invalid = request.validationError;
  const store = requestContext.getStore();
  const owed = store?.owed;
  if (!store || !owed) {
    if (invalid) throw invalid;
    return handler(request, reply);
  }
  let result: unknown;
  let failure: { error: unknown } | undefined;
  if (invalid) failure = { error: invalid };
  else {
    try {
      result = await handler(request, reply);
    } catch (error) {
      failure = { error };
    }
  }
  try {
    await deps.authenticator.settle(owed);
  } catch (error) {
    discard(result);
    if (!(error instanceof PrincipalChangedError)) throw error;
    store.owed = undefined;
    request.principal = await deps.authenticator.authenticate(request, auth);
    if (invalid) throw invalid;
    return handler(request, reply);
  } finally {
    if (store.owed === owed) store.owed = undefined;
  }
  if (failure) throw failure.error;
  return result;
}

/** An answer not sent after all: a stream the handler opened is closed. */
function discard(result: unknown): void {
  const body = (result as { body?: unknown } | null | undefined)?.body ?? result;
  if (body && typeof (body as Readable).destroy === 'function') (body as Readable).destroy();
}

function contextOf<B, Q, P, A extends AuthSpec>(spec: { body?: unknown }, request: FastifyRequest, reply: FastifyReply) {
  return {
    // A route that declares no body ignores whatever was sent: converting an unvalidated body
    // recursed through it (a 5,000-deep JSON array overflowed the stack: a 500 the fuzzer found).
    body: spec.body ? camelizeKeys(request.body) : undefined,
    query: camelizeKeys(request.query),
    params: camelizeKeys(request.params),
    principal: request.principal,
    meta: requestMeta(request),
    request,
    reply,
  } as unknown as RouteContext<B, Q, P, A>;
}

/**
 * Declares one HTTP route: its schemas (validated on the way in and out, and published in
 * OpenAPI), its auth requirement (checked before the handler runs), and the single place where
 * the wire's snake_case becomes the code's camelCase and back.
 */
export function defineRoute<
  B extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  P extends AnyZod | undefined,
  R extends AnyZod,
  A extends AuthSpec,
>(app: FastifyInstance, deps: RouteDeps, spec: RouteSpec<B, Q, P, R, A>): void {
  const status = spec.status ?? 200;
  const exportAs = spec.exportAs;
  const success = exportAs
    ? {
        description: 'The answer as JSON, or with `format` the file to download',
        content: {
          'application/json': { schema: spec.response },
          ...Object.fromEntries(EXPORT_MEDIA_TYPES.map((type) => [type, { schema: z.string() }])),
        },
      }
    : spec.response;
  app.route(
    routeOptions(deps, spec, success, async (request, reply) => {
      const ctx = contextOf<B, Q, P, A>(spec, request, reply);
      const format = (ctx.query as { format?: string } | undefined)?.format;
      if (exportAs && format && format !== 'json') {
        const heading = { organizationName: request.principal?.organizationName ?? null };
        const table = await withFirstBatchRead(await exportAs(ctx));
        const file = renderExport(format as Parameters<typeof renderExport>[0], table, heading);
        return sendFile(reply, file.contentType, 'attachment', file.filename, file.body);
      }
      const result = await spec.handler(ctx);
      reply.code(status);
      return snakeizeKeys(result);
    }),
  );
}

function sendFile<T>(reply: FastifyReply, contentType: string, disposition: 'inline' | 'attachment', filename: string, body: T): T {
  // The name is ours (a voucher number, a report and its dates), but quoted and ASCII-only all the same.
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  reply
    .code(200)
    .type(contentType)
    .header('content-disposition', `${disposition}; filename="${safe}"`)
    .header('cache-control', 'private, no-store');
  return body;
}

/** A file a route answers with (a PDF, a return's JSON): sent as it is, or streamed, named for a download. */
export interface FileAnswer {
  body: Buffer | Readable;
  filename: string;
  /** One of the spec's media types when it declares several (the same data as JSON or Excel); else the spec's only one. */
  contentType?: string;
}

export interface FileRouteSpec<B, Q, P, A extends AuthSpec> extends Omit<RouteSpec<B, Q, P, AnyZod, A>, 'response' | 'handler' | 'status'> {
  /** The file's media type(s), as OpenAPI publishes them (`application/pdf`); the first is the default. */
  contentType: string | readonly string[];
  /** `inline` opens in the browser's viewer; `attachment` downloads. */
  disposition: 'inline' | 'attachment';
  handler: (ctx: RouteContext<B, Q, P, A>) => Promise<FileAnswer>;
}

/** `defineRoute` for a route whose answer is a file rather than JSON (same auth, validation and errors). */
export function defineFileRoute<
  B extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  P extends AnyZod | undefined,
  A extends AuthSpec,
>(app: FastifyInstance, deps: RouteDeps, spec: FileRouteSpec<B, Q, P, A>): void {
  const types = typeof spec.contentType === 'string' ? [spec.contentType] : [...spec.contentType];
  const success = {
    description: `The file (${types.join(' or ')})`,
    content: Object.fromEntries(types.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }])),
  };
  app.route(
    routeOptions(deps, spec, success, async (request, reply) => {
      const file = await spec.handler(contextOf<B, Q, P, A>(spec, request, reply));
      return sendFile(reply, file.contentType ?? types[0]!, spec.disposition, file.filename, file.body);
    }),
  );
}

export interface JsonOrFileRouteSpec<B, Q, P, R extends AnyZod, A extends AuthSpec> extends RouteSpec<B, Q, P, R, A> {
  /** The same resource as a file (a PDF), answered instead of the JSON when `wanted` says so. */
  file: {
    contentType: string;
    disposition: 'inline' | 'attachment';
    wanted: (ctx: RouteContext<B, Q, P, A>) => boolean;
    handler: (ctx: RouteContext<B, Q, P, A>) => Promise<FileAnswer>;
  };
}

/**
 * One resource as JSON (for the web) or as a file (`?format=pdf`, `Accept`): OpenAPI publishes
 * both media types of the one 200 answer; the JSON is validated and converted as `defineRoute`'s.
 */
export function defineJsonOrFileRoute<
  B extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  P extends AnyZod | undefined,
  R extends AnyZod,
  A extends AuthSpec,
>(app: FastifyInstance, deps: RouteDeps, spec: JsonOrFileRouteSpec<B, Q, P, R, A>): void {
  const success = {
    description: `JSON, or the file (${spec.file.contentType})`,
    content: {
      'application/json': { schema: spec.response },
      [spec.file.contentType]: { schema: z.string().meta({ format: 'binary' }) },
    },
  };
  app.route(
    routeOptions(deps, spec, success, async (request, reply) => {
      const ctx = contextOf<B, Q, P, A>(spec, request, reply);
      if (spec.file.wanted(ctx)) {
        const file = await spec.file.handler(ctx);
        return sendFile(reply, spec.file.contentType, spec.file.disposition, file.filename, file.body);
      }
      const result = await spec.handler(ctx);
      reply.code(200).type('application/json');
      return snakeizeKeys(result);
    }),
  );
}
