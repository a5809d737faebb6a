/**
 * The web app's security headers (issue 12 item 4). The content security policy carries a fresh
 * nonce per request (apps/web/proxy.ts); Next.js puts it on its own scripts, and the root layout
 * on Mantine's colour-scheme script, so no other script runs, whatever gets injected into a page.
 *
 * - `'strict-dynamic'`: the scripts Next loads from a nonced script are trusted; nothing else.
 * - `'unsafe-eval'` only under `next dev` (React rebuilds server error stacks with eval there);
 *   a production server never sends it.
 * - Styles allow `'unsafe-inline'`: Mantine writes its CSS variables in a `<style>` tag and sets
 *   `style` attributes on its components, which nonces cannot cover. Styles cannot run code.
 * - The browser talks only to this origin (the API is reached through /api on it).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
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
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];
