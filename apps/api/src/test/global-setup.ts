import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPgHandle, createPgliteHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../lib/logger';
import { resolveTestPostgres } from './private-postgres';
import { ensureLoginRoles } from '../db/roles';
import { databaseUrl, TEST_LOGIN_ROLES } from './test-db';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Migrates once per run: a template database on the server that each test file copies, or a
 * PGlite snapshot each test file loads (a fresh PGlite takes seconds to create and migrate).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const driver = project.config.env?.TEST_DB_DRIVER === 'pglite' ? 'pglite' : 'pg';
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const logger = createLogger({ level: 'silent', pretty: false });
  project.provide('driver', driver);
  project.provide('runId', runId);

  if (driver === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'tritiq-pglite-'));
    const handle = await createPgliteHandle({});
    await migrateDatabase(handle, logger);
    const dump = await handle.pglite.dumpDataDir('gzip');
    await handle.close();
    const file = path.join(dir, 'snapshot.tar.gz');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteSnapshot', file);
    project.provide('pgAdminUrl', '');
    project.provide('pgTemplate', '');
    return async () => {
      await rm(dir, { recursive: true, force: true });
    };
  }

  // TEST_DATABASE_URL, else the server on the default address, else a private server of this run's own.
  const server = await resolveTestPostgres(DEFAULT_ADMIN_URL);
  const adminUrl = server.adminUrl;
  console.log(`[${project.name}] PostgreSQL: ${server.description}`);
  const template = `tritiq_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`The PostgreSQL tests need a server at ${adminUrl} (set TEST_DATABASE_URL to use another): ${(err as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${template}"`);
  const handle = createPgHandle(
    { url: databaseUrl(adminUrl, template), poolSize: 1, poolTimeoutMs: 10_000, statementTimeoutMs: 0 },
    logger,
  );
  try {
    await migrateDatabase(handle, logger);
  } finally {
    await handle.close();
  }
  // The least-privilege logins (README "Database roles and row-level security"), shared by the cluster.
  await ensureLoginRoles(admin, TEST_LOGIN_ROLES);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgliteSnapshot', '');
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `tritiq_t_${runId}_%`,
    ]);
    // Eight at once: one after another, the run's ~90 DROP DATABASE took 1-2 s each on the shared
    // 2-core machine (minutes at the end of the run); at once they took a third to a half of that
    // (README "CI time").
    const drops = new pg.Pool({ connectionString: adminUrl, max: 8 });
    const outcomes = await Promise.allSettled(rows.map(({ datname }) => drops.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)));
    await drops.end();
    await admin.end();
    await server.stop();
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  };
}
