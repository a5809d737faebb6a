import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgHandle, createPgliteHandle, type DbHandle, type Executor } from '../db/client';
import type { AppLogger } from '../lib/logger';
import { withLogin, type LoginRoles } from '../db/roles';

/** The login roles of the least-privilege setup on the test server (made by the global setup). */
export const TEST_LOGIN_ROLES: LoginRoles = {
  api: { name: 'tritiq_test_api', password: 'tritiq-test-api' },
  platform: { name: 'tritiq_test_platform', password: 'tritiq-test-platform' },
};

declare module 'vitest' {
  export interface ProvidedContext {
    driver: 'pg' | 'pglite';
    pgAdminUrl: string;
    pgTemplate: string;
    runId: string;
    pgliteSnapshot: string;
  }
}

export type TestDriver = 'pg' | 'pglite';

export function testDriver(): TestDriver {
  return process.env.TEST_DB_DRIVER === 'pglite' ? 'pglite' : 'pg';
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated PostgreSQL database copied from the run's template (`empty`: a bare one); returns its URL. */
export async function createPgTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `tritiq_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${options.empty ? 'template0' : inject('pgTemplate')}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

let snapshot: Blob | undefined;

/** Each least-privilege test handle's twin logged in as the owner (tests' own setup and inspection). */
const owners = new WeakMap<DbHandle, DbHandle>();

/**
 * A fresh, migrated database for one test file, on the driver of the running project.
 *
 * On PostgreSQL the handle logs in as the least-privilege setup by default, as production should:
 * the API's login owns nothing and sees one organisation at a time (forced row-level security),
 * and the platform has its own login. Tests that prepare or inspect rows behind the API's back use
 * `ownerDb(handle)` (or `ownerHandle`), the owner's view of the same database. PGlite is one user:
 * there both are the same handle.
 */
export async function createTestDbHandle(
  logger: AppLogger,
  options: {
    poolSize?: number;
    poolTimeoutMs?: number;
    /** `false` only for tests of the owner's login itself (migrations, the integrity check's usage errors). */
    leastPrivilege?: boolean;
  } = {},
): Promise<DbHandle> {
  if (testDriver() === 'pg') {
    const ownerUrl = await createPgTestDatabase();
    const leastPrivilege = options.leastPrivilege ?? true;
    const common = {
      poolTimeoutMs: options.poolTimeoutMs ?? 5_000,
      statementTimeoutMs: 30_000,
      applicationName: 'tritiq-test',
    };
    if (!leastPrivilege) return createPgHandle({ url: ownerUrl, poolSize: options.poolSize ?? 5, ...common }, logger);
    const handle = createPgHandle(
      {
        url: withLogin(ownerUrl, TEST_LOGIN_ROLES.api),
        platformUrl: withLogin(ownerUrl, TEST_LOGIN_ROLES.platform),
        poolSize: options.poolSize ?? 5,
        ...common,
      },
      logger,
    );
    const owner = createPgHandle({ url: ownerUrl, poolSize: 2, ...common }, logger);
    owners.set(handle, owner);
    const close = handle.close.bind(handle);
    handle.close = async () => {
      await Promise.all([close(), owner.close()]);
    };
    return handle;
  }
  snapshot ??= new Blob([await readFile(inject('pgliteSnapshot'))]);
  return createPgliteHandle({ loadDataDir: snapshot });
}

/** The owner's handle on a test handle's database (the handle itself when it already is the owner's). */
export function ownerHandle(handle: DbHandle): DbHandle {
  return owners.get(handle) ?? handle;
}

/** The owner's executor on a test handle's database: setup and inspection that no API login may do. */
export function ownerDb(handle: DbHandle): Executor {
  return ownerHandle(handle).db;
}
