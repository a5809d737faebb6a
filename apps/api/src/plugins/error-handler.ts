import type { ServerResponse } from 'node:http';
import type { ErrorCode, ErrorResponse, FieldError } from '@tritiq/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { dbErrorInfo, isQueryCanceled, transientKind } from '../db/errors';
import { CommitOutcomeUnknownError } from '../db/session';
import { AppError } from '../lib/app-error';
import { constraintMessage } from '../lib/constraint-messages';
import type { Loggers } from '../lib/logger';

const RETRY_AFTER_UNAVAILABLE = 5;
const RETRY_AFTER_CONTENTION = 1;

function fieldPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (context === 'querystring') return path ? `query.${path}` : 'query';
  if (context === 'params') return path ? `path.${path}` : 'path';
  if (context === 'headers') return path ? `header.${path}` : 'header';
  return path || 'body';
}

function summarise(errors: FieldError[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`);
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  return `Validation failed: ${shown.join('; ')}${more}`;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
};

interface Mapped {
  status: number;
  body: Omit<ErrorResponse, 'request_id'>;
  headers?: Record<string, string>;
}

/** Maps anything thrown to the one error body. Unknown errors never leak their message. */
export function mapError(err: unknown): Mapped {
  if (err instanceof AppError) {
    const headers: Record<string, string> = { ...err.options.headers };
    if (err.options.retryAfter !== undefined) headers['retry-after'] = String(err.options.retryAfter);
    return {
      status: err.status,
      body: { detail: err.message, code: err.code, ...(err.options.errors ? { errors: err.options.errors } : {}) },
      headers,
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext;
    const errors = err.validation.map((v) => ({ field: fieldPath(context, v.instancePath), message: v.message ?? 'is invalid' }));
    return { status: 422, body: { detail: summarise(errors), code: 'VALIDATION_ERROR', errors } };
  }
  if (err instanceof CommitOutcomeUnknownError) {
    return {
      status: 503,
      body: {
        detail: 'The database connection was lost while saving: the change may or may not have been saved. Check before retrying.',
        code: 'SERVICE_UNAVAILABLE',
      },
      headers: { 'retry-after': String(RETRY_AFTER_UNAVAILABLE) },
    };
  }
  const kind = transientKind(err);
  if (kind === 'unavailable') {
    return {
      status: 503,
      body: { detail: 'The database is unavailable. Please retry shortly.', code: 'SERVICE_UNAVAILABLE' },
      headers: { 'retry-after': String(RETRY_AFTER_UNAVAILABLE) },
    };
  }
  if (kind === 'contention') {
    return {
      status: 503,
      body: { detail: 'The database is busy with conflicting changes. Please retry.', code: 'SERVICE_UNAVAILABLE' },
      headers: { 'retry-after': String(RETRY_AFTER_CONTENTION) },
    };
  }
  if (isQueryCanceled(err)) {
    return {
      status: 503,
      body: { detail: 'The database took too long to answer. Please retry shortly.', code: 'SERVICE_UNAVAILABLE' },
      headers: { 'retry-after': String(RETRY_AFTER_UNAVAILABLE) },
    };
  }
  const info = dbErrorInfo(err);
  if (info.pgCode === '23505') {
    const known = constraintMessage(info.constraint);
    const message = known?.message ?? 'This conflicts with an existing record';
    return {
      status: 409,
      body: { detail: message, code: 'DUPLICATE', errors: [{ field: known?.field ?? info.constraint ?? 'unknown', message }] },
    };
  }
  if (info.pgCode === '23503') {
    if (/^update or delete/i.test(info.message)) {
      return { status: 409, body: { detail: 'This record is in use and cannot be removed', code: 'IN_USE' } };
    }
    return { status: 422, body: { detail: 'A referenced record does not exist', code: 'VALIDATION_ERROR' } };
  }
  if (info.pgCode === '22021' || info.pgCode === '22P05') {
    // PostgreSQL text cannot hold NUL (\u0000): a value that reached the database with one is the caller's mistake.
    return {
      status: 422,
      body: {
        detail: 'Text may not contain NUL (\\u0000) characters',
        code: 'VALIDATION_ERROR',
        errors: [{ field: info.column ?? 'text', message: 'contains a NUL character' }],
      },
    };
  }
  if (info.pgCode && ['22001', '22003', '22007', '22008', '22P02', '23502', '23514'].includes(info.pgCode)) {
    const field = info.column ?? info.constraint ?? 'unknown';
    return {
      status: 422,
      body: { detail: `Invalid value for ${field}`, code: 'VALIDATION_ERROR', errors: [{ field, message: 'is invalid' }] },
    };
  }
  const fe = err as Partial<FastifyError> & { statusCode?: number };
  if (!isResponseSerializationError(err) && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = STATUS_CODES[fe.statusCode] ?? 'BAD_REQUEST';
    const detail =
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
        ? 'Request body is not valid JSON'
        : fe.message || 'Bad request';
    return { status: fe.statusCode, body: { detail, code } };
  }
  return { status: 500, body: { detail: 'Internal server error', code: 'INTERNAL_ERROR' } };
}

/** For the few errors the router answers on the raw response, before Fastify's request exists. */
export function sendRawError(res: ServerResponse, status: number, body: Omit<ErrorResponse, 'request_id'>, requestId: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-request-id', requestId);
  res.end(JSON.stringify({ ...body, request_id: requestId }));
}

export function registerErrorHandling(app: FastifyInstance, loggers: Loggers): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = mapError(err);
    if (mapped.status >= 500) {
      const level = mapped.status === 503 ? 'warn' : 'error';
      loggers.error[level](
        { err, method: request.method, path: request.url.split('?')[0], body: request.body },
        `Request failed with ${mapped.status}`,
      );
    }
    if (mapped.headers) reply.headers(mapped.headers);
    return reply.code(mapped.status).send({ ...mapped.body, request_id: request.id });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      detail: `Route ${request.method} ${request.url.split('?')[0]} not found`,
      code: 'ROUTE_NOT_FOUND',
      request_id: request.id,
    }),
  );
}
