// "Build the web app when needed": a production build is reused while nothing it is made of
// (the app's sources, the shared contracts, the lock file) is newer than it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(root, 'apps/web');
export const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

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

/** Why a build is needed, or null when `.next` is up to date. */
export function buildNeeded() {
  const marker = path.join(webDir, '.next/BUILD_ID');
  if (!existsSync(marker)) return 'no production build yet';
  const built = statSync(marker).mtimeMs;
  const sources = Math.max(
    newestMtime(webDir),
    newestMtime(path.join(root, 'packages/contracts/src')),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return sources > built ? 'sources changed since the last build' : null;
}

/** Runs `next build` when needed; returns true when the build is usable. */
export function buildWebIfNeeded({ quiet = false, log = console.log } = {}) {
  const reason = buildNeeded();
  if (!reason) {
    if (!quiet) log('Web app: production build is up to date.');
    return true;
  }
  log(`Web app: building (${reason})…`);
  const run = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: webDir,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0 && quiet) log(String(run.stdout ?? '') + String(run.stderr ?? ''));
  return run.status === 0;
}
