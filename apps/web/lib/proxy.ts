/**
 * The same-origin bridge between the browser and the API: the browser only ever talks to the web
 * server, which forwards `/api/*` here. Pure helpers, used by app/api/[...path]/route.ts.
 */

export const API_URL = (process.env.API_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');

// Hop-by-hop headers (RFC 9110 §7.6.1) and the ones fetch computes itself.
const DROP_REQUEST = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
  'accept-encoding',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'forwarded',
]);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'set-cookie']);

const TOKEN_KEYS = new Set(['access_token', 'refresh_token', 'accessToken', 'refreshToken']);

/**
 * Headers for the upstream request: the browser's own (cookies, Origin and Sec-Fetch-Site for the
 * API's CSRF check, content type), with X-Forwarded-For set to the client's address so the API's
 * per-IP login limit sees the person, not this server.
 */
export function upstreamRequestHeaders(incoming: Headers, clientAddress: string | undefined, host: string | null): Headers {
  const out = new Headers();
  incoming.forEach((value, key) => {
    if (!DROP_REQUEST.has(key.toLowerCase())) out.set(key, value);
  });
  if (clientAddress) out.set('x-forwarded-for', clientAddress);
  if (host) out.set('x-forwarded-host', host);
  return out;
}

export function downstreamResponseHeaders(upstream: Headers): Headers {
  const out = new Headers();
  upstream.forEach((value, key) => {
    if (!DROP_RESPONSE.has(key.toLowerCase())) out.set(key, value);
  });
  for (const cookie of upstream.getSetCookie()) out.append('set-cookie', cookie);
  return out;
}

/** Auth responses carry the seed's token body; page scripts must never see a token, only the httpOnly cookies hold it. */
export function isAuthPath(path: string): boolean {
  return path.startsWith('/api/v1/auth/');
}

export function stripTokens(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(stripTokens);
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (TOKEN_KEYS.has(key)) continue;
    out[key] = stripTokens(value);
  }
  return out;
}

/**
 * The client address as the web server saw it. Next.js fills X-Forwarded-For from the socket
 * only when the request did not bring one; the first entry is the origin client either way.
 */
export function clientAddressOf(headers: Headers): string | undefined {
  const forwarded = headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || undefined;
}
