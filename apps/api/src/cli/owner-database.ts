/**
 * What the operator commands (check:integrity, backup, restore) share: the configuration, the
 * database opened as a login that sees every organisation, and their way of failing (a message on
 * stderr, exit 2).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config';
import { createPgHandle, createPgliteHandle, type DbHandle } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { dbErrorInfo } from '../db/errors';
import { createLogger, type AppLogger } from '../lib/logger';

export function stop(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The innermost cause: Drizzle wraps driver errors in a "Failed query: <sql>" message. */
export function rootMessage(err: unknown): string {
  let current = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const info = dbErrorInfo(current);
  return info.pgCode ? `${info.message} (${info.pgCode})` : info.message;
}

export function where(config: Config): string {
  if (config.database.driver === 'pglite') return `the embedded database in ${config.dataDir}`;
  const url = new URL(config.database.url);
  return `the PostgreSQL database ${url.pathname.slice(1)} at ${url.host}`;
}

export function loadConfigOrStop(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }
}

export function cliLogger(): AppLogger {
  return createLogger({ level: 'warn', pretty: false, destination: process.stderr });
}

/** The URL of the login that owns the tables (or the platform login), for pg_dump and pg_restore too. */
export function ownerUrl(config: Config): string {
  if (config.database.driver !== 'pg') throw new Error('not a PostgreSQL configuration');
  return config.database.migrationUrl ?? config.database.platformUrl ?? config.database.url;
}

/**
 * The configured database as a login that sees every organisation. An embedded directory holding
 * no database is refused (opening it would create an empty one).
 */
export async function openOwnerDatabase(config: Config, logger: AppLogger, applicationName: string): Promise<DbHandle> {
  try {
    if (config.database.driver === 'pg') {
      return createPgHandle(
        { url: ownerUrl(config), poolSize: 1, poolTimeoutMs: config.database.poolTimeoutMs, statementTimeoutMs: 0, applicationName },
        logger,
      );
    }
    if (!existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION')))
      stop(`There is no database in ${config.dataDir} (set DATA_DIR or DATABASE_URL).`);
    return await createPgliteHandle({ dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) stop(err.message);
    stop(`Could not open ${where(config)}: ${rootMessage(err)}`);
  }
}
