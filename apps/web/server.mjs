#!/usr/bin/env node
// The web server, in production (`npm start`, the browser tests) and in development (`npm run dev`):
// Next.js behind a plain Node HTTP server that does two things before Next sees a request.
//
// 1. It owns the client address. Next fills X-Forwarded-For from the socket only when the request
//    brought none, so a browser could name any address and dodge the API's per-IP login limit
//    through the /api proxy. Every incoming X-Forwarded-*/Forwarded header is dropped first,
//    unless WEB_TRUST_PROXY=1 says a reverse proxy of ours sits in front and sets them.
// 2. It sets the content security policy of every page (lib/security-headers.mjs): a fresh nonce
//    per request, in the request's `x-nonce` (read by the root layout) and `content-security-policy`
//    (where Next reads the nonce it puts on its own scripts) and in the answer's policy. Doing it
//    here rather than in a Next proxy (middleware) spares the development server compiling and
//    running a proxy layer before the first page (bench/README.md, web-dev, "Sixth pass").
//
//   node apps/web/server.mjs --hostname 127.0.0.1 --port 3000          production (a build in .next)
//   node apps/web/server.mjs --dev --hostname 127.0.0.1 --port 3000    development (Turbopack, hot reload)
//
// Production always runs with NODE_ENV=production and development with NODE_ENV=development,
// whatever the caller's environment says: only `--dev` selects development. A development NODE_ENV
// would load React's development build into a production server; a production one would break the
// development server. `--webpack` (development only) bundles with webpack instead of Turbopack, as
// `next dev --webpack` does. WEB_ANNOUNCE=0 (set by `npm start` and `npm run dev`) keeps it from
// printing its address: the start script prints the one address to open once the API answers too.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, isPageRequest } from './lib/security-headers.mjs';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV = dev ? 'development' : 'production';
// Imported only now: Next reads NODE_ENV while its modules load.
const { default: next } = await import('next');

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto', 'forwarded', 'x-real-ip'];
// Only this server names the nonce: whatever a client sent under these names is dropped first.
const POLICY_HEADERS = ['x-nonce', 'content-security-policy', 'content-security-policy-report-only'];

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const hostname = option('hostname', process.env.WEB_HOST ?? '127.0.0.1');
const port = Number(option('port', process.env.WEB_PORT ?? process.env.PORT ?? '3000'));
const trustProxy = process.env.WEB_TRUST_PROXY === '1';
const dir = path.dirname(fileURLToPath(import.meta.url));

/** The nonce and policy of a page request, set on the request for Next and on the answer for the browser. */
function setPagePolicy(req, res) {
  for (const header of POLICY_HEADERS) delete req.headers[header];
  if (!isPageRequest(req.url ?? '/', req.headers)) return;
  const nonce = randomBytes(16).toString('base64');
  const policy = contentSecurityPolicy(nonce, { dev });
  req.headers['x-nonce'] = nonce;
  req.headers['content-security-policy'] = policy;
  res.setHeader('Content-Security-Policy', policy);
}

let handle;
const server = createServer((req, res) => {
  if (!trustProxy) for (const header of FORWARDING_HEADERS) delete req.headers[header];
  setPagePolicy(req, res);
  handle(req, res).catch((err) => {
    console.error('web: request failed', err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

// In development Next attaches its hot-reload websocket handler (`/_next/hmr`) to `httpServer` on the
// first request; `app.getUpgradeHandler()` is not that handler in Next 16 (it answers no upgrade).
const app = dev
  ? next({
      dev: true,
      dir,
      hostname,
      port,
      httpServer: server,
      ...(process.argv.includes('--webpack') ? { webpack: true } : { turbopack: true }),
    })
  : next({ dev: false, dir, hostname, port });
handle = app.getRequestHandler();
await app.prepare();

server.listen(port, hostname, () => {
  if (process.env.WEB_ANNOUNCE !== '0') console.log(`web: listening on http://${hostname}:${port}${dev ? ' (development)' : ''}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  // Development keeps the hot-reload websocket and keep-alive connections open; nothing to finish there.
  if (dev) server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
