import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgHandle, createPgliteHandle, type DbHandle } from '../db/client';
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

/** A fresh, migrated PostgreSQL database copied from the run's template; returns its URL. */
export async function createPgTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `tritiq_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

let snapshot: Blob | undefined;

/** A fresh, migrated database for one test file, on the driver of the running project. */
export async function createTestDbHandle(
  logger: AppLogger,
  options: {
    poolSize?: number;
    poolTimeoutMs?: number;
    /**
     * On PostgreSQL, the least-privilege setup: the API's login owns nothing and sees one
     * organisation at a time, the platform has its own login. (PGlite is single-user: no effect.)
     */
    leastPrivilege?: boolean;
  } = {},
): Promise<DbHandle> {
  if (testDriver() === 'pg') {
    const ownerUrl = await createPgTestDatabase();
    const url = options.leastPrivilege ? withLogin(ownerUrl, TEST_LOGIN_ROLES.api) : ownerUrl;
    return createPgHandle(
      {
        url,
        platformUrl: options.leastPrivilege ? withLogin(ownerUrl, TEST_LOGIN_ROLES.platform) : undefined,
        poolSize: options.poolSize ?? 5,
        poolTimeoutMs: options.poolTimeoutMs ?? 5_000,
        statementTimeoutMs: 30_000,
        applicationName: 'tritiq-test',
      },
      logger,
    );
  }
  snapshot ??= new Blob([await readFile(inject('pgliteSnapshot'))]);
  return createPgliteHandle({ loadDataDir: snapshot });
}
