/**
 * `npm run db:roles`: the least-privilege setup in one step. As the owner (DATABASE_MIGRATION_URL,
 * a role that may create roles), migrates the database, then creates or updates the two login
 * roles named by DATABASE_URL (tenant work) and DATABASE_PLATFORM_URL (the platform context), with
 * the passwords those URLs carry. See README "Database roles and row-level security".
 */
import pg from 'pg';
import { createLoggers, failStart, loadConfigOrExit } from '../bootstrap';
import { createPgHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { ensureLoginRoles, loginOf } from '../db/roles';

const config = loadConfigOrExit();
const d = config.database;
if (d.driver !== 'pg' || !d.migrationUrl || !d.platformUrl) {
  failStart('npm run db:roles needs DATABASE_URL, DATABASE_PLATFORM_URL and DATABASE_MIGRATION_URL (the owner) to be set.');
}
const loggers = createLoggers(config);
const owner = createPgHandle({ url: d.migrationUrl, poolSize: 1, poolTimeoutMs: d.poolTimeoutMs, statementTimeoutMs: 0 }, loggers.database);
try {
  await migrateDatabase(owner, loggers.database);
} finally {
  await owner.close();
}
const client = new pg.Client({ connectionString: d.migrationUrl });
await client.connect();
try {
  const roles = { api: loginOf(d.url), platform: loginOf(d.platformUrl) };
  await ensureLoginRoles(client, roles);
  process.stdout.write(
    `Migrated; login roles ready: ${roles.api.name} (tenant work, member of tritiq_app) and ${roles.platform.name} (platform, member of tritiq_platform).\n`,
  );
} catch (err) {
  failStart(`Could not set up the login roles: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await client.end();
}
