/**
 * How many queued messages per second the outbox worker delivers to a local SMTP server over
 * pooled connections. Usage (from the repository root):
 *   npm run bench -- email-outbox [--driver pg|pglite|both] [--messages 2000] [--pool 5] [--batch 50] [--concurrency 10] [--attach]
 * With --attach every message carries a 10-line tax invoice PDF that the worker draws as it sends
 * (as it does for a voucher email), so the two runs compare delivery with and without attachments.
 * The PostgreSQL run creates and drops a throwaway database on BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/api/src/config';
import { createPgHandle, createPgliteHandle, queryRows, type DbHandle } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { createDeps } from '../apps/api/src/deps';
import { renderTaxInvoicePdf } from '../apps/api/src/modules/documents';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { sql } from 'drizzle-orm';
import { firstMessage } from './support/child-ready';
import { model } from './support/invoice-model';
import { createThrowawayDatabase } from './support/throwaway-db';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    messages: { type: 'string', default: '2000' },
    pool: { type: 'string', default: '5' },
    batch: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '10' },
    attach: { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(args.messages);
const ENQUEUE_PER_TX = 100;

async function openPg(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const db = await createThrowawayDatabase();
  const logger = createLogger({ level: 'silent', pretty: false });
  const handle = createPgHandle({ url: db.url, poolSize: 10, poolTimeoutMs: 10_000, statementTimeoutMs: 0 }, logger);
  return { handle, drop: db.drop };
}

/** The SMTP sink runs in a child process; it reports each accepted Message-ID. */
async function startSink() {
  const child = fork(fileURLToPath(new URL('./support/smtp-sink.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const received: (string | null)[] = [];
  let notify = () => undefined as void;
  child.on('message', (m: { messageId?: string | null }) => {
    if ('messageId' in m) {
      received.push(m.messageId ?? null);
      notify();
    }
  });
  const { port } = await firstMessage<{ port: number }>(child, 'the SMTP sink');
  return {
    received,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EMAILS_FROM_EMAIL: 'erp@tritiq.test' },
    waitFor: (n: number) =>
      new Promise<void>((resolve) => {
        notify = () => (received.length >= n ? resolve() : undefined);
        notify();
      }),
    close: () => child.disconnect(),
  };
}

async function run(driver: 'pg' | 'pglite'): Promise<void> {
  const smtp = await startSink();
  const { handle, drop } = driver === 'pg' ? await openPg() : { handle: await createPgliteHandle({}), drop: async () => undefined };
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  await migrateDatabase(handle, loggers.database);
  const config = loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop',
    ...smtp.env,
    SMTP_POOL_SIZE: args.pool,
    EMAIL_WORKER_BATCH_SIZE: args.batch,
    EMAIL_WORKER_CONCURRENCY: args.concurrency,
    EMAIL_WORKER_POLL_SECONDS: '0.5',
  });
  const deps = createDeps({ config, loggers, handle, secretKey: config.secretKey! });
  const invoice = model(10);
  // The voucher module's provider also reads the voucher (one read transaction); this one only draws.
  deps.email.registerAttachments('bench', async () => [
    { filename: 'SV-2526-00042.pdf', content: await renderTaxInvoicePdf(invoice), contentType: 'application/pdf' },
  ]);
  const variables = {
    user_name: 'Asha Rao',
    user_email: 'asha@example.in',
    changed_date: '2026-04-01',
    changed_time: '10:15:00',
    admin_contact: 'admin@example.in',
  };

  const enqueueStarted = performance.now();
  for (let done = 0; done < MESSAGES; done += ENQUEUE_PER_TX) {
    await deps.sessions.transaction(async (tx) => {
      for (let i = done; i < Math.min(MESSAGES, done + ENQUEUE_PER_TX); i++) {
        await deps.email.enqueue(tx, {
          template: 'password_changed',
          to: `user${i}@example.in`,
          variables,
          ...(args.attach ? { relatedType: 'bench', relatedId: String(i) } : {}),
        });
      }
    });
  }
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;

  const count = async () => {
    const [row] = await queryRows<{ sent: string | number; pending: string | number }>(
      handle.db,
      sql`SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status <> 'sent') AS pending FROM email_messages`,
    );
    return { sent: Number(row?.sent), pending: Number(row?.pending) };
  };
  // Timed from the worker's start until every message is recorded as sent (not merely received).
  const started = performance.now();
  await deps.email.startWorker();
  await smtp.waitFor(MESSAGES);
  let counts = await count();
  while (counts.sent < MESSAGES) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    counts = await count();
  }
  const deliverSeconds = (performance.now() - started) / 1000;
  await deps.email.stop();
  await handle.close();
  await drop();
  smtp.close();

  const unique = new Set(smtp.received).size;
  console.log(
    [
      `driver=${driver}`,
      `messages=${MESSAGES}`,
      `smtp_pool=${args.pool}`,
      `batch=${args.batch}`,
      `concurrency=${args.concurrency}`,
      `attachments=${args.attach ? 'pdf' : 'none'}`,
      `enqueue=${(MESSAGES / enqueueSeconds).toFixed(0)} msg/s`,
      `delivered=${(MESSAGES / deliverSeconds).toFixed(1)} msg/s (${deliverSeconds.toFixed(2)} s)`,
      `received=${smtp.received.length} unique_message_ids=${unique} recorded_sent=${counts.sent} not_sent=${counts.pending}`,
    ].join('  '),
  );
  if (smtp.received.length !== MESSAGES || unique !== MESSAGES) throw new Error('a message was lost or delivered twice');
}

const drivers = args.driver === 'both' ? (['pglite', 'pg'] as const) : [args.driver as 'pg' | 'pglite'];
for (const driver of drivers) await run(driver);
