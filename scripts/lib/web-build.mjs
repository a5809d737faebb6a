// "Build the web app when needed": a production build is reused while it is complete and nothing
// it is made of (the app's sources, the shared contracts, the lock file) is newer than it.
//
// `next build` writes `.next/BUILD_ID` early and other files (server/preview-props.json, the
// prerender manifest) at the end, so a build that failed half-way used to look up to date and every
// later start died on a missing file. A build is therefore only trusted when it carries our
// completion marker: removed before `next build` starts, written after it exited 0, and naming the
// BUILD_ID it completed. The build always runs with NODE_ENV=production: under a development
// NODE_ENV, Next prerenders with React's development build and fails (e.g. on /_global-error).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(root, 'apps/web');
export const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

/** Written into `.next` once `next build` has succeeded. */
export const COMPLETE_MARKER = 'tritiq-build-complete.json';

const SKIP = new Set(['node_modules', '.next', 'test-results', 'e2e', 'next-env.d.ts', 'tsconfig.tsbuildinfo']);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function readMarker(dist) {
  try {
    return JSON.parse(readFileSync(path.join(dist, COMPLETE_MARKER), 'utf8'));
  } catch {
    return null;
  }
}

/** Why a build is needed, or null when `<dir>/.next` holds a complete, up-to-date build. */
export function buildNeeded({ dir = webDir } = {}) {
  const dist = path.join(dir, '.next');
  const buildIdFile = path.join(dist, 'BUILD_ID');
  if (!existsSync(buildIdFile)) return 'no production build yet';
  const marker = readMarker(dist);
  if (!marker || marker.buildId !== readFileSync(buildIdFile, 'utf8').trim()) return 'the last build did not finish';
  const built = statSync(path.join(dist, COMPLETE_MARKER)).mtimeMs;
  const sources = Math.max(
    newestMtime(dir),
    newestMtime(path.join(root, 'packages/contracts/src')),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return sources > built ? 'sources changed since the last build' : null;
}

/** Runs `next build` (NODE_ENV=production) when needed; returns true when a complete build is there. */
export function buildWebIfNeeded({ quiet = false, log = console.log, dir = webDir } = {}) {
  const reason = buildNeeded({ dir });
  if (!reason) {
    if (!quiet) log('Web app: production build is up to date.');
    return true;
  }
  log(`Web app: building (${reason})…`);
  const dist = path.join(dir, '.next');
  rmSync(path.join(dist, COMPLETE_MARKER), { force: true });
  const run = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: dir,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0) {
    if (quiet) log(String(run.stdout ?? '') + String(run.stderr ?? ''));
    log(`Web app: the build failed (exit ${run.status ?? run.signal}); the next start builds again.`);
    return false;
  }
  const buildId = readFileSync(path.join(dist, 'BUILD_ID'), 'utf8').trim();
  writeFileSync(path.join(dist, COMPLETE_MARKER), JSON.stringify({ buildId, completedAt: new Date().toISOString() }) + '\n');
  return true;
}
