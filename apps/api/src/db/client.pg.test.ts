import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLoggers, type LogCapture } from '../test/harness';
import { waitUntil } from '../test/smtp';
import { createPgTestDatabase } from '../test/test-db';
import { createPgHandle, type PgHandle } from './client';

// Found by the PostgreSQL-restart drill (npm run drill -- restart-pg): the server's "terminating
// connection due to administrator command" (57P01) reaching a pooled connection that was checked
// out but between statements was an unhandled 'error' event, and the API process died.
let url: string;
let handle: PgHandle;
let logs: LogCapture;

beforeAll(async () => {
  url = await createPgTestDatabase();
  const captured = captureLoggers('info');
  logs = captured.logs;
  handle = createPgHandle({ url, poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, captured.loggers.database);
});
afterAll(() => handle.close());

describe('a checked-out connection whose server process is terminated between statements (PostgreSQL server)', () => {
  it('does not crash the process; the connection is discarded and the pool carries on', async () => {
    const client = await handle.pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    const line = await waitUntil('the failure to be logged', async () =>
      logs.lines.find((l) => l.msg === 'Database connection failed while in use'),
    );
    expect(line).toMatchObject({ level: 'warn', err: expect.objectContaining({ code: '57P01' }) });
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);

    await handle.ping();
    expect(handle.poolCounts().checkedOut).toBe(0);
  });
});
