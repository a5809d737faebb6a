/**
 * `npm run check:integrity [-- --max-problems N]`: verifies the configured database (DATABASE_URL,
 * else the embedded database in DATA_DIR) without changing it. Exit 0: every check passed (a short
 * summary); 1: problems found (every one listed, per check); 2: bad usage, configuration or
 * connection, or a database that cannot be checked.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config';
import { createPgHandle, createPgliteHandle, type DbHandle } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { dbErrorInfo } from '../db/errors';
import { createLogger } from '../lib/logger';
import { checkIntegrity, formatReport, IntegrityUsageError } from '../modules/integrity';

const USAGE = 'Usage: npm run check:integrity [-- --max-problems N]   (database: DATABASE_URL, else the embedded one in DATA_DIR)';

function stop(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The innermost cause: Drizzle wraps driver errors in a "Failed query: <sql>" message. */
function rootMessage(err: unknown): string {
  let current = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const info = dbErrorInfo(current);
  return info.pgCode ? `${info.message} (${info.pgCode})` : info.message;
}

function where(config: Config): string {
  if (config.database.driver === 'pglite') return `the embedded database in ${config.dataDir}`;
  const url = new URL(config.database.url);
  return `the PostgreSQL database ${url.pathname.slice(1)} at ${url.host}`;
}

let args;
try {
  args = parseArgs({ options: { 'max-problems': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
} catch (err) {
  stop(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const maxProblems = args['max-problems'] === undefined ? 50 : Number(args['max-problems']);
if (!Number.isSafeInteger(maxProblems) || maxProblems < 1) stop(`--max-problems must be a whole number of at least 1\n${USAGE}`);

let config: Config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) stop(err.message);
  throw err;
}

const logger = createLogger({ level: 'warn', pretty: false, destination: process.stderr });
let handle: DbHandle;
try {
  if (config.database.driver === 'pg') {
    handle = createPgHandle(
      {
        // Every organisation's rows: the owner or the platform login of the least-privilege setup.
        url: config.database.migrationUrl ?? config.database.platformUrl ?? config.database.url,
        poolSize: 1,
        poolTimeoutMs: config.database.poolTimeoutMs,
        statementTimeoutMs: 0,
        applicationName: 'tritiq-integrity',
      },
      logger,
    );
  } else {
    // Opening a directory that holds no database would create an empty one and pass.
    if (!existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION')))
      stop(`There is no database in ${config.dataDir} (set DATA_DIR or DATABASE_URL).`);
    handle = await createPgliteHandle({ dataDir: config.dataDir });
  }
} catch (err) {
  if (err instanceof DataDirLockedError) stop(err.message);
  stop(`Could not open ${where(config)}: ${rootMessage(err)}`);
}

try {
  const report = await checkIntegrity(handle, { maxProblems });
  process.stdout.write(`${formatReport(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  const message = err instanceof IntegrityUsageError ? err.message : rootMessage(err);
  process.stderr.write(`Could not check ${where(config)}: ${message}\n`);
  process.exitCode = 2;
} finally {
  await handle.close().catch(() => undefined);
}
