#!/usr/bin/env node
// The production web server (`npm start`, and the browser tests): Next.js behind a plain Node HTTP
// server that owns the client address. Next fills X-Forwarded-For from the socket only when the
// request brought none, so a browser could name any address and dodge the API's per-IP login
// limit through the /api proxy. Here every incoming X-Forwarded-*/Forwarded header is dropped
// first, unless WEB_TRUST_PROXY=1 says a reverse proxy of ours sits in front and sets them.
//   node apps/web/server.mjs --hostname 127.0.0.1 --port 3000
// It always runs Next in production mode with NODE_ENV=production, whatever the caller's
// environment says: a development NODE_ENV would load React's development build into a production
// server. WEB_ANNOUNCE=0 (set by `npm start`) keeps it from printing its address: the start script
// prints the one address to open once the API answers too.
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV = 'production';
// Imported only now: Next reads NODE_ENV while its modules load.
const { default: next } = await import('next');

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto', 'forwarded', 'x-real-ip'];

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const hostname = option('hostname', process.env.WEB_HOST ?? '127.0.0.1');
const port = Number(option('port', process.env.WEB_PORT ?? process.env.PORT ?? '3000'));
const trustProxy = process.env.WEB_TRUST_PROXY === '1';
const dir = path.dirname(fileURLToPath(import.meta.url));

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (!trustProxy) for (const header of FORWARDING_HEADERS) delete req.headers[header];
  handle(req, res).catch((err) => {
    console.error('web: request failed', err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => {
  if (process.env.WEB_ANNOUNCE !== '0') console.log(`web: listening on http://${hostname}:${port}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
