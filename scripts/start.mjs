#!/usr/bin/env node
// `npm start` / `npm run dev`: the API and the web app together. The browser opens only the web
// server, which forwards /api to the API (apps/web/app/api/[...path]/route.ts), so the session
// cookies are first-party and the API's CSRF check sees the web server's origin.
//   node scripts/start.mjs          build the web app if needed, API + the web server (apps/web/server.mjs)
//   node scripts/start.mjs --dev    API in watch mode + the web server in development (server.mjs --dev: Turbopack, hot reload)
// Each child runs in its own process group; SIGINT/SIGTERM stops both groups.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withApiNodeOptions } from './lib/api-runtime.mjs';
import { buildWebIfNeeded, root, webDir } from './lib/web-build.mjs';

const dev = process.argv.includes('--dev');
const launchDir = process.env.INIT_CWD ?? process.cwd();
if (existsSync(path.join(launchDir, '.env'))) process.loadEnvFile(path.join(launchDir, '.env'));

const webHost = process.env.WEB_HOST ?? '127.0.0.1';
const webPort = process.env.WEB_PORT ?? '3000';
const apiHost = process.env.HOST ?? '127.0.0.1';
const apiPort = process.env.PORT ?? '8000';
const webUrl = `http://${webHost}:${webPort}`;
const apiUrl = `http://${apiHost === '0.0.0.0' ? '127.0.0.1' : apiHost}:${apiPort}`;

// The web server's origin makes cookie-authenticated changes; emails link to it.
const origins = new Set(
  (process.env.TRUSTED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
);
origins.add(webUrl);
if (webHost === '127.0.0.1') origins.add(`http://localhost:${webPort}`);

const apiEnv = {
  ...withApiNodeOptions(process.env),
  INIT_CWD: launchDir,
  HOST: apiHost,
  PORT: apiPort,
  TRUSTED_ORIGINS: [...origins].join(','),
  PUBLIC_URL: process.env.PUBLIC_URL ?? webUrl,
};
const webEnv = {
  ...process.env,
  API_URL: apiUrl,
  NEXT_TELEMETRY_DISABLED: '1',
  PORT: webPort,
  // Production always means NODE_ENV=production, development NODE_ENV=development (server.mjs enforces both, the build production).
  NODE_ENV: dev ? 'development' : 'production',
  // The address is printed below, once, when the API answers as well as the web server.
  WEB_ANNOUNCE: '0',
};

if (!dev && !buildWebIfNeeded()) {
  console.error('Web app build failed; not starting.');
  process.exit(1);
}

const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const children = [
  {
    name: 'api',
    proc: spawn(process.execPath, dev ? [tsx, 'watch', '--clear-screen=false', 'src/server.ts'] : [tsx, 'src/server.ts'], {
      cwd: path.join(root, 'apps/api'),
      env: apiEnv,
      stdio: 'inherit',
      detached: true,
    }),
  },
  {
    name: 'web',
    // Next runs behind apps/web/server.mjs in both modes: it owns the client address (X-Forwarded-For)
    // and sets every page's content security policy.
    proc: spawn(process.execPath, ['server.mjs', ...(dev ? ['--dev'] : []), '--hostname', webHost, '--port', webPort], {
      cwd: webDir,
      env: webEnv,
      stdio: 'inherit',
      detached: true,
    }),
  },
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const { proc } of children) {
    try {
      if (proc.exitCode === null && proc.pid) process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const force = setTimeout(() => {
    for (const { proc } of children) {
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(code);
  }, 10_000);
  force.unref();
  Promise.all(children.map(({ proc }) => (proc.exitCode !== null ? null : new Promise((r) => proc.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

for (const { name, proc } of children) {
  proc.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
    stop(code ?? 1);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function ready(url) {
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

// Until both answer, the terminal shows no address to open: a page opened while the API is still
// migrating would only say that the API is not reachable (it recovers by itself, but should not be
// the first thing a newcomer sees). `/health/db` answers once the API has its database.
console.log('Starting the API and the web server…');
Promise.all([ready(`${apiUrl}/health/db`), ready(`${webUrl}/login`)]).then(([api, web]) => {
  if (api && web) console.log(`\n  TRITIQ ERP is ready: open ${webUrl}  (API ${apiUrl}, docs ${apiUrl}/docs)\n`);
});
