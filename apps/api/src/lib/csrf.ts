import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for requests authenticated by cookie: a change must come from a page of a trusted
 * origin (the web app, or this API's own docs). Browsers always send `Origin` on cross-origin
 * unsafe requests and `Sec-Fetch-Site` on modern ones; a request with neither is refused, since
 * non-browser clients send a bearer token instead of cookies.
 */
export function assertTrustedOrigin(request: FastifyRequest, trustedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    if (trustedOrigins.includes(origin)) return;
    const host = request.headers.host;
    if (host && URL.canParse(origin) && new URL(origin).host === host) return;
    throw new AppError('CSRF_REJECTED', `Requests from ${origin} may not use this session's cookies`);
  }
  if (request.headers['sec-fetch-site'] === 'same-origin') return;
  throw new AppError('CSRF_REJECTED', 'Cookie-authenticated changes need an Origin header from a trusted page');
}
