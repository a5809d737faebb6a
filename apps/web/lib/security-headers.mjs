/**
 * The web app's security headers (issue 12 item 4), in plain JavaScript so that the web server
 * (apps/web/server.mjs, which sets the policy) and next.config.ts (the fixed headers) import the
 * same module; the types are in security-headers.d.mts.
 *
 * The content security policy carries a fresh nonce per page request (set by server.mjs before
 * Next handles the request); Next.js puts it on its own scripts, and the root layout on Mantine's
 * colour-scheme script, so no other script runs, whatever gets injected into a page.
 *
 * - `'strict-dynamic'`: the scripts Next loads from a nonced script are trusted; nothing else.
 * - `'unsafe-eval'` only in development (`server.mjs --dev`: React rebuilds server error stacks
 *   with eval there); a production server never sends it.
 * - Styles allow `'unsafe-inline'`: Mantine writes its CSS variables in a `<style>` tag and sets
 *   `style` attributes on its components, which nonces cannot cover. Styles cannot run code.
 * - The browser talks only to this origin (the API is reached through /api on it).
 */
export function contentSecurityPolicy(nonce, options) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Fixed headers of every page and asset (next.config.ts); the API's answers bring their own. */
export const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

// Not the API proxy (the API sends its own policy), not Next's static files and images, not the icon.
const NOT_A_PAGE = /^\/(?:api\/|_next\/static|_next\/image|favicon\.ico)/;

/**
 * Whether a request is for a page, which gets a nonce and the policy: every path but those above,
 * unless it is a prefetch (`next/link` prefetching a route, or the browser's `Purpose: prefetch`):
 * what Next's content security policy guide leaves out too (its answer is not a page the browser shows).
 * `url` is the request target as it arrived (`req.url`: path and query), `headers` Node's
 * lower-cased request headers.
 */
export function isPageRequest(url, headers) {
  const end = url.search(/[?#]/);
  const pathname = end === -1 ? url : url.slice(0, end);
  if (NOT_A_PAGE.test(pathname)) return false;
  return headers['next-router-prefetch'] === undefined && headers['purpose'] !== 'prefetch';
}
