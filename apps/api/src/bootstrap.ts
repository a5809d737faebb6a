import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import { createDbHandle, type DbHandle } from './db/client';
import { DataDirLockedError } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { categoryLoggers, createLogger, type Loggers } from './lib/logger';

/** Prints a start-up problem a person can act on, and exits. */
export function failStart(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

export function loadConfigOrExit(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) failStart(err.message);
    throw err;
  }
}

export function createLoggers(config: Config): Loggers {
  return categoryLoggers(createLogger({ level: config.log.level, pretty: config.log.pretty }));
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config, loggers: Loggers): Promise<DbHandle> {
  let handle: DbHandle;
  try {
    handle = await createDbHandle(config, loggers.database);
  } catch (err) {
    if (err instanceof DataDirLockedError) failStart(err.message);
    throw err;
  }
  try {
    await migrateDatabase(handle, loggers.database);
  } catch (err) {
    await handle.close().catch(() => undefined);
    const where = config.database.driver === 'pg' ? 'the PostgreSQL server at DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    failStart(`Could not prepare ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return handle;
}
