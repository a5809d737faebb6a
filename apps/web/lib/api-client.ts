'use client';
import { ERROR_STATUS, type ErrorCode, type ErrorResponse } from '@tritiq/contracts';
import type { z } from 'zod';

/**
 * Typed fetch for the browser. Every call goes to this web server's `/api/v1/...` (same origin);
 * the session lives in httpOnly cookies only, so there is no token to attach. Errors become
 * ApiError carrying the API's `detail`, `code` and the per-field messages, ready to show next to
 * the inputs.
 *
 * Answers: `apiRequest`/`api.*` parse the body with a shared Zod schema; `apiJson<T>` takes it as
 * the contract's type `T` without loading Zod. The API checks every answer against the same
 * contract schema on its way out (fastify-type-provider-zod's serializer), so a second check in
 * the browser finds nothing new; `apiJson` serves the signed-in shell and the registers, whose
 * scripts every page loads first, and the schema is kept where a page parses anyway.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';
  readonly fieldErrors: Record<string, string>;
  readonly headers: Headers | null;

  constructor(
    status: number,
    code: ApiError['code'],
    detail: string,
    fieldErrors: Record<string, string> = {},
    headers: Headers | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.headers = headers;
  }

  /** The API's human message (its `detail`). */
  get detail(): string {
    return this.message;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Schema of the success body; omit for bodies the caller ignores (e.g. 204). */
  schema?: S;
  /** Do not try a refresh on 401 (the sign-in endpoints themselves). */
  noRefresh?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

type Listener = () => void;
const listeners = { sessionExpired: new Set<Listener>(), passwordChangeRequired: new Set<Listener>() };

/** The session provider subscribes to these to send the user to sign-in or to the forced password change. */
export function onSessionExpired(listener: Listener): () => void {
  listeners.sessionExpired.add(listener);
  return () => listeners.sessionExpired.delete(listener);
}
export function onPasswordChangeRequired(listener: Listener): () => void {
  listeners.passwordChangeRequired.add(listener);
  return () => listeners.passwordChangeRequired.delete(listener);
}

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api/') || path.startsWith('/health') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** The API's error body (`errorResponseSchema`), checked by hand: a known code, a detail, and well-formed field errors. */
export function isErrorBody(json: unknown): json is ErrorResponse {
  if (!json || typeof json !== 'object') return false;
  const body = json as Record<string, unknown>;
  if (typeof body.detail !== 'string' || typeof body.request_id !== 'string') return false;
  if (typeof body.code !== 'string' || !Object.hasOwn(ERROR_STATUS, body.code)) return false;
  if (body.errors === undefined) return true;
  return (
    Array.isArray(body.errors) &&
    body.errors.every(
      (e: unknown) =>
        !!e &&
        typeof e === 'object' &&
        typeof (e as Record<string, unknown>).field === 'string' &&
        typeof (e as Record<string, unknown>).message === 'string',
    )
  );
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: concurrent 401s wait for the same rotation (a replayed refresh token ends the session). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function toApiError(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // fall through to a generic message
  }
  if (isErrorBody(json)) {
    const fieldErrors: Record<string, string> = {};
    for (const e of json.errors ?? []) fieldErrors[e.field] ??= e.message;
    return new ApiError(response.status, json.code, json.detail, fieldErrors, response.headers);
  }
  const detail =
    json && typeof json === 'object' && 'detail' in json && typeof json.detail === 'string'
      ? json.detail
      : `The server answered ${response.status}`;
  return new ApiError(response.status, 'BAD_RESPONSE', detail, {}, response.headers);
}

/** One request with the session's refresh on 401; any answer but 2xx becomes an ApiError. */
async function send(url: string, init: RequestInit, noRefresh = false): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
    if (response.status === 401 && !noRefresh) {
      if (await refreshSession()) response = await fetch(url, init);
      if (response.status === 401) for (const l of listeners.sessionExpired) l();
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') for (const l of listeners.passwordChangeRequired) l();
    throw error;
  }
  return response;
}

/**
 * A file the API answers (a report as CSV, a PDF), saved by the browser under the name the API
 * gives in Content-Disposition (else `fallbackName`).
 */
export async function apiDownload(path: string, query: Query, fallbackName: string): Promise<string> {
  const response = await send(buildUrl(path, query), { credentials: 'same-origin', headers: { accept: '*/*' } });
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Let go of the blob once the browser has surely read it (revoking at once can cut a slow save short).
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return filename;
}

/** The request of a JSON call: same-origin cookies, JSON accepted, the body (if any) as JSON. */
function jsonInit({ method = 'GET', body, signal, headers }: RequestOptions<z.ZodType | undefined>): RequestInit {
  return {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  };
}

export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
  const { method = 'GET', query, schema, noRefresh } = options;
  const response = await send(buildUrl(path, query), jsonInit(options), noRefresh);
  if (response.status === 204 || !schema) {
    if (response.status !== 204) await response.text();
    return undefined as never;
  }
  const json: unknown = await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'BAD_RESPONSE',
      `Unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data as never;
}

/**
 * A JSON answer taken as the contract's type `T` (see the note at the top: the API has checked it
 * against the contract's schema); a 204 or an answer that is not JSON is a BAD_RESPONSE.
 */
export async function apiJson<T>(path: string, options: Omit<RequestOptions<undefined>, 'schema'> = {}): Promise<T> {
  const { method = 'GET', query, noRefresh } = options;
  const response = await send(buildUrl(path, query), jsonInit(options), noRefresh);
  try {
    return (await response.json()) as T;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected answer from ${method} ${path}: not JSON`);
  }
}

function xhrPost(url: string, body: string, onProgress: (fraction: number) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } }));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.'));
    xhr.send(body);
  });
}

/**
 * A POST of a large JSON body (an uploaded file) that reports how much of it is sent
 * (`onProgress` 0 to 1; fetch cannot tell), with the session's refresh on 401 as `apiRequest`.
 */
export async function apiUpload<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
  onProgress: (fraction: number) => void,
): Promise<z.infer<S>> {
  const url = buildUrl(path);
  const text = JSON.stringify(body);
  let response = await xhrPost(url, text, onProgress);
  if (response.status === 401 && (await refreshSession())) response = await xhrPost(url, text, onProgress);
  if (response.status === 401) for (const l of listeners.sessionExpired) l();
  if (!response.ok) throw await toApiError(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected answer from POST ${path}`);
  return parsed.data as z.infer<S>;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: Query, signal?: AbortSignal) => apiRequest(path, { schema, query, signal }),
  post: <S extends z.ZodType | undefined = undefined>(path: string, body?: unknown, schema?: S) =>
    apiRequest(path, { method: 'POST', body, schema }),
  patch: <S extends z.ZodType | undefined = undefined>(path: string, body?: unknown, schema?: S) =>
    apiRequest(path, { method: 'PATCH', body, schema }),
  put: <S extends z.ZodType | undefined = undefined>(path: string, body?: unknown, schema?: S) =>
    apiRequest(path, { method: 'PUT', body, schema }),
  delete: <S extends z.ZodType | undefined = undefined>(path: string, schema?: S) => apiRequest(path, { method: 'DELETE', schema }),
};

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail;
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
}
