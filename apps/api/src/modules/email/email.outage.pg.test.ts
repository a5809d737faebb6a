import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgHandle, type DbHandle } from '../../db/client';
import { emailMessages } from '../../db/schema';
import { PASSWORD_CHANGED_VARS } from '../../test/email';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { startTestSmtpServer, waitUntil, type TestSmtpServer } from '../../test/smtp';
import { TcpProxy } from '../../test/tcp-proxy';
import { createPgTestDatabase } from '../../test/test-db';

let t: TestApp;
let direct: DbHandle;
let proxy: TcpProxy;
let smtp: TestSmtpServer;
let cutDuringData = true;

beforeAll(async () => {
  const url = new URL(await createPgTestDatabase());
  proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  const viaProxy = new URL(url);
  viaProxy.port = String(await proxy.start());
  const { loggers } = captureLoggers('silent');
  direct = createPgHandle({ url: url.toString(), poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database);
  const handle = createPgHandle({ url: viaProxy.toString(), poolSize: 3, poolTimeoutMs: 1_000, statementTimeoutMs: 5_000 }, loggers.database);
  // The database link is cut while the SMTP server is accepting the message: the delivery
  // happened, and the worker cannot record it.
  smtp = await startTestSmtpServer({
    onData: () => {
      if (cutDuringData) void proxy.stop();
      return undefined;
    },
  });
  // No record retry window: this test is about the give-up path (resend under the same Message-ID).
  t = await buildTestApp({ handle, env: { ...smtp.env(), EMAIL_WORKER_POLL_SECONDS: '0.5', EMAIL_RECORD_RETRY_SECONDS: '0' }, retry: { maxRetries: 2, baseDelayMs: 20 } });
});
afterAll(async () => {
  await t.close();
  await direct.close();
  await proxy.stop();
  await smtp.close();
});

describe('the database goes away in the middle of a delivery (PostgreSQL server behind a cut-able link)', () => {
  it('the worker survives, and the message it could not record is sent again under the same Message-ID', async () => {
    const { id } = await t.deps.sessions.transaction((tx) =>
      t.deps.email.enqueue(tx, { template: 'password_changed', to: 'cut@example.in', variables: PASSWORD_CHANGED_VARS }),
    );
    await t.deps.email.startWorker();
    await smtp.waitFor(1);
    await waitUntil('the worker to give up recording the outcome', async () =>
      t.logs.lines.some((l) => l.category === 'email' && l.msg === 'Could not settle an email job' && l.email_id === id) || undefined,
    );
    cutDuringData = false;
    await proxy.start();

    // Claimed, delivered, not recorded: the row still says `sending`.
    const [row] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });

    // pg-boss hands the job out again once it expires (simulated), after the claim's lease.
    t.clock.advance(16 * 60_000);
    await direct.db.execute(sql`UPDATE pgboss.job SET state = 'retry', start_after = now() WHERE id = ${id}`);
    await waitUntil('the redelivered job to settle the message', async () => {
      const [now] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
      return now?.status === 'sent' ? now : undefined;
    });
    const [settled] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.parsed.messageId)).toEqual([settled!.messageId, settled!.messageId]);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
