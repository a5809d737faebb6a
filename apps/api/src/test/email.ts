import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { queryRows, type DbHandle } from '../db/client';
import { JOB_QUEUES } from '../db/job-queue';
import { emailMessages } from '../db/schema';
import { buildTestApp, captureLoggers, type TestApp, type TestAppOptions } from './harness';
import { startTestSmtpServer, waitUntil, type TestSmtpOptions, type TestSmtpServer } from './smtp';
import { createTestDbHandle, ownerDb } from './test-db';

/** Short retries and polling so email tests wait for conditions, not for minutes. */
export const FAST_EMAIL_ENV = {
  EMAIL_SEND_ATTEMPTS: '3',
  EMAIL_RETRY_BASE_MS: '1',
  EMAIL_OUTBOX_RETRY_SECONDS: '1',
  EMAIL_WORKER_POLL_SECONDS: '0.5',
  SMTP_TIMEOUT_MS: '5000',
};

export const PASSWORD_CHANGED_VARS = {
  user_name: 'Asha Rao',
  user_email: 'asha@example.in',
  changed_date: '2026-04-01',
  changed_time: '10:15:00',
  admin_contact: 'admin@example.in',
};

/**
 * One database for a test file and as many apps on it as the tests need (each app is a process
 * with its own configuration: another SMTP server, a stopped worker, a restart), plus SMTP servers.
 */
export class EmailTestBed {
  private readonly apps: TestApp[] = [];
  private readonly servers: TestSmtpServer[] = [];

  handle!: DbHandle;

  private async open(): Promise<this> {
    this.handle = await createTestDbHandle(captureLoggers('silent').loggers.database);
    return this;
  }

  /** A bed opened now (close it yourself). */
  static create(): Promise<EmailTestBed> {
    return new EmailTestBed().open();
  }

  /** The test file's bed: opened before its tests, reset after each, closed after all. */
  static forFile(): EmailTestBed {
    const bed = new EmailTestBed();
    beforeAll(() => bed.open());
    afterEach(() => bed.reset());
    afterAll(() => bed.close());
    return bed;
  }

  async app(env: Record<string, string> = {}, options: Omit<TestAppOptions, 'env' | 'handle'> = {}): Promise<TestApp> {
    const t = await buildTestApp({ ...options, handle: this.handle, env: { ...FAST_EMAIL_ENV, ...env } });
    this.apps.push(t);
    return t;
  }

  async smtp(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const server = await startTestSmtpServer(options);
    this.servers.push(server);
    return server;
  }

  async messages(ids: string[]) {
    if (ids.length === 0) return [];
    return ownerDb(this.handle).select().from(emailMessages).where(inArray(emailMessages.id, ids));
  }

  async message(id: string) {
    const [row] = await ownerDb(this.handle).select().from(emailMessages).where(eq(emailMessages.id, id));
    return row;
  }

  /** Waits until every message has reached one of `statuses`, and returns their rows. */
  async settled(ids: string[], statuses: string[] = ['sent', 'failed'], timeoutMs = 30_000) {
    return waitUntil(
      `emails ${ids.join(', ')} to be ${statuses.join('/')}`,
      async () => {
        const rows = await this.messages(ids);
        return rows.length === ids.length && rows.every((r) => statuses.includes(r.status)) ? rows : undefined;
      },
      timeoutMs,
    );
  }

  /** The pg-boss job of a queued message (its id is the message's). */
  async job(id: string) {
    const [row] = await queryRows<{ state: string; retry_count: number }>(
      ownerDb(this.handle),
      sql`SELECT state, retry_count FROM pgboss.job WHERE name = ${JOB_QUEUES.emailDelivery} AND id = ${id}`,
    );
    return row;
  }

  /** Jobs still waiting or running: anything that could deliver a message again. */
  async openJobs(): Promise<number> {
    const [row] = await queryRows<{ n: number | string }>(
      ownerDb(this.handle),
      sql`SELECT count(*) AS n FROM pgboss.job WHERE name = ${JOB_QUEUES.emailDelivery} AND state < 'completed'`,
    );
    return Number(row?.n ?? 0);
  }

  /** Stops every app (and its worker) and SMTP server, so the next test's messages are its own. */
  async reset(): Promise<void> {
    for (const t of this.apps.splice(0)) await t.app.close();
    for (const s of this.servers.splice(0)) await s.close();
  }

  async close(): Promise<void> {
    await this.reset();
    await this.handle.close();
  }
}
