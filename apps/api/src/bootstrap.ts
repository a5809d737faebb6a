import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import { createDbHandle, createPgHandle, type DbHandle } from './db/client';
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
    // The least-privilege setup migrates as the schema owner (DATABASE_MIGRATION_URL), on a
    // connection of its own that is closed before the API serves anything.
    const d = config.database;
    if (d.driver === 'pg' && d.migrationUrl) {
      const owner = createPgHandle(
        { url: d.migrationUrl, poolSize: 1, poolTimeoutMs: d.poolTimeoutMs, statementTimeoutMs: 0, applicationName: 'tritiq-migrate' },
        loggers.database,
      );
      try {
        await migrateDatabase(owner, loggers.database);
      } finally {
        await owner.close();
      }
    } else {
      await migrateDatabase(handle, loggers.database);
    }
  } catch (err) {
    await handle.close().catch(() => undefined);
    const where = config.database.driver === 'pg' ? 'the PostgreSQL server at DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    failStart(`Could not prepare ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return handle;
}

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits 0 when it finishes, 1 when it fails or takes
 * longer than `timeoutMs`.
 */
export function stopOnSignals(loggers: Loggers, timeoutMs: number, announce: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    loggers.app.info({ signal }, announce);
    const force = setTimeout(() => {
      loggers.app.error({ timeout_ms: timeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    try {
      await stop();
      loggers.app.info('Stopped cleanly');
      process.exit(0);
    } catch (err) {
      loggers.app.error({ err }, 'Error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}
