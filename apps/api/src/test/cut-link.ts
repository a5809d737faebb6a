import { eq, sql } from 'drizzle-orm';
import { createPgHandle, queryRows, type DbHandle } from '../db/client';
import { JOB_QUEUES } from '../db/job-queue';
import { emailMessages } from '../db/schema';
import { PASSWORD_CHANGED_VARS } from './email';
import { buildTestApp, captureLoggers, type TestApp } from './harness';
import { startTestSmtpServer, waitUntil, type TestSmtpServer } from './smtp';
import { TcpProxy } from './tcp-proxy';
import { createPgTestDatabase } from './test-db';
import { platformTx } from './factories';

type EmailMessageRow = typeof emailMessages.$inferSelect;

export interface CutLinkDelivery {
  /** The app, on a database reached through `proxy`. */
  t: TestApp;
  /** A handle on the same database that does not go through the proxy. */
  direct: DbHandle;
  proxy: TcpProxy;
  smtp: TestSmtpServer;
  /** While true, the link to the database is cut as the SMTP server takes a message's data. */
  cutDuringData: boolean;
  /** Queues one `password_changed` message to `to` and starts the worker; answers the message's id. */
  queueAndStartWorker(to: string): Promise<string>;
  /**
   * Waits until the message is `sent` and its delivery job `completed` (so nothing is left that
   * could deliver it again), then stops the worker, letting anything in flight finish: after
   * this, the sink holds every delivery there will ever be. Answers the message's row.
   */
  settled(id: string): Promise<EmailMessageRow>;
  close(): Promise<void>;
}

/**
 * An app whose database link (a TCP proxy) is cut while the SMTP server is accepting a message:
 * the delivery happened, and the worker cannot record it until the proxy is started again.
 */
export async function startCutLinkDelivery(env: Record<string, string>): Promise<CutLinkDelivery> {
  const url = new URL(await createPgTestDatabase());
  const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  const viaProxy = new URL(url);
  viaProxy.port = String(await proxy.start());
  const { loggers } = captureLoggers('silent');
  const direct = createPgHandle({ url: url.toString(), poolSize: 2, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 }, loggers.database);
  const handle = createPgHandle(
    { url: viaProxy.toString(), poolSize: 3, poolTimeoutMs: 1_000, statementTimeoutMs: 5_000 },
    loggers.database,
  );
  const state = { cutDuringData: true };
  const smtp = await startTestSmtpServer({
    onData: () => {
      if (state.cutDuringData) void proxy.stop();
      return undefined;
    },
  });
  const t = await buildTestApp({
    handle,
    env: { ...smtp.env(), EMAIL_WORKER_POLL_SECONDS: '0.5', ...env },
    retry: { maxRetries: 2, baseDelayMs: 20 },
  });
  return {
    t,
    direct,
    proxy,
    smtp,
    get cutDuringData() {
      return state.cutDuringData;
    },
    set cutDuringData(value: boolean) {
      state.cutDuringData = value;
    },
    async queueAndStartWorker(to: string) {
      const { id } = await platformTx(t.deps, (tx) =>
        t.deps.email.enqueue(tx, { template: 'password_changed', to, variables: PASSWORD_CHANGED_VARS }),
      );
      await t.deps.email.startWorker();
      return id;
    },
    async settled(id: string) {
      const row = await waitUntil(
        'the message to be recorded as sent and its delivery job completed',
        async () => {
          const [message] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
          const [job] = await queryRows<{ state: string }>(
            direct.db,
            sql`SELECT state FROM pgboss.job WHERE name = ${JOB_QUEUES.emailDelivery} AND id = ${id}`,
          );
          return message?.status === 'sent' && job?.state === 'completed' ? message : undefined;
        },
        90_000,
      );
      await t.deps.email.stop();
      return row;
    },
    async close() {
      await t.close();
      await direct.close();
      await proxy.stop();
      await smtp.close();
    },
  };
}
