import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Workers of a database project: the environment variable when set (a positive integer), else the default given. */
function workers(variable: string, fallback: number): number {
  const value = Number(process.env[variable]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

// apps/api/harness holds the fault drills and the fuzzer, outside the product's src/.
const dbFiles = ['apps/api/src/**/*.db.test.ts', 'apps/api/harness/**/*.db.test.ts'];
const pgOnlyFiles = ['apps/api/src/**/*.pg.test.ts'];
// Need a Redis server as well (TEST_REDIS_URL, default 127.0.0.1:6379); run with the server tests.
const redisFiles = ['apps/api/src/**/*.redis.test.ts'];
// Fault drills (short form of `npm run drill`): their own private PostgreSQL and API processes.
const drillFiles = ['apps/api/harness/**/*.drill.test.ts'];

/**
 * The database projects run without Vitest's isolation: a worker imports the API once and runs file
 * after file in the same process, instead of a fresh worker importing everything again for each
 * file (about 5 CPU-s a file; README "CI time"). A file must therefore leave the process as it found
 * it: `isolation-guard.ts` fails one that does not. TEST_ISOLATE=1 gives each file its own worker
 * again (to tell whether a failure comes from an earlier file).
 */
const isolate = process.env.TEST_ISOLATE === '1';
const databaseSetup = ['apps/api/src/test/isolation-guard.ts'];

/**
 * Three projects: pure unit tests; every database test on the PostgreSQL server (plus the
 * tests that need a real server: concurrency, killed connections); and every database test
 * again on the embedded PGlite. Plus `drills`: the short form of the fault drills (npm run drill).
 */
export default defineConfig({
  test: {
    // `npm run test:coverage`: V8 coverage of the API and the contracts over the unit and database
    // projects (the browser tests and drills run the API in child processes, which V8 coverage of
    // this process does not see). HTML in coverage/index.html, totals in coverage/coverage-summary.json.
    coverage: {
      provider: 'v8',
      include: ['apps/api/src/**/*.ts', 'packages/contracts/src/**/*.ts'],
      exclude: ['**/*.test.ts', 'apps/api/src/test/**', 'apps/api/src/cli/**', 'apps/api/src/db/migrations/**'],
      reporter: ['html', 'json-summary', 'text-summary'],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/api/src/**/*.test.ts', 'apps/web/**/*.test.ts'],
          exclude: [...dbFiles, ...pgOnlyFiles, ...redisFiles, ...drillFiles, '**/node_modules/**', '**/.next/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pg',
          include: [...dbFiles, ...pgOnlyFiles, ...redisFiles],
          environment: 'node',
          // Vitest's default is one worker less than the cores (one on a 2-core machine); a database
          // test file spends most of its time waiting for the server, so at least three run at once
          // (at most eight: each has its own pools on the server).
          maxWorkers: workers('TEST_PG_WORKERS', Math.min(8, Math.max(3, availableParallelism() - 1))),
          env: { TEST_DB_DRIVER: 'pg' },
          isolate,
          setupFiles: databaseSetup,
          globalSetup: ['apps/api/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pglite',
          include: dbFiles,
          environment: 'node',
          // Each file's embedded database runs in its worker: at least two at once.
          maxWorkers: workers('TEST_PGLITE_WORKERS', Math.max(2, availableParallelism() - 1)),
          env: { TEST_DB_DRIVER: 'pglite' },
          isolate,
          setupFiles: databaseSetup,
          globalSetup: ['apps/api/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'drills',
          include: drillFiles,
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Browser tests: apps/web/e2e (harness in apps/web/e2e/support, started once per run).
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['apps/web/e2e/support/global-setup.ts'],
          fileParallelism: false,
          // A page that fetches before it fills a field can take seconds on a loaded machine; the
          // default of 1 s for expect.poll made such steps fail there while they pass on a quiet one.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
