import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { JOB_QUEUES, jobQueueDb, type JobQueueDb } from '../../db/job-queue';
import type { DbHandle } from '../../db/client';
import type { AppLogger } from '../../lib/logger';
import type { DeliveryVerdict, EmailJob } from './email.outbox';

const QUEUE = JOB_QUEUES.emailDelivery;

export interface EmailWorkerOptions {
  handle: DbHandle;
  logger: AppLogger;
  deliver: (job: EmailJob) => Promise<DeliveryVerdict>;
  batchSize: number;
  /**
   * Messages in flight at once. More than the SMTP pool: while some wait for a connection,
   * others are in their claim or record transactions, whose commits dominate on a fast link.
   */
  concurrency: number;
  pollSeconds: number;
  /** How long stop() lets in-flight deliveries finish. */
  stopTimeoutMs: number;
  /**
   * How long settling a job (complete / fail) is retried while the database is unreachable;
   * past it the job stays active until it expires. 0: one try.
   */
  settleRetryMs?: number;
}

export interface EmailWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
}

/**
 * Delivers queued messages. pg-boss owns the queue: `fetch` claims jobs with SKIP LOCKED, a
 * failed job comes back after its backoff (up to its retry limit), a job whose worker died comes
 * back when it expires (pg-boss maintenance, run by `supervise`). Jobs are fetched and settled
 * here rather than through `boss.work`, whose un-awaited completion calls would crash the
 * process with an unhandled rejection if the database went away at that moment.
 */
export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
  const { logger } = options;
  let boss: PgBoss | undefined;
  let db: JobQueueDb | undefined;
  let loop: Promise<void> | undefined;
  let idle: AbortController | undefined;
  let stopping = false;

  async function settle(job: EmailJob): Promise<void> {
    let outcome: DeliveryVerdict;
    try {
      outcome = await options.deliver(job);
    } catch (err) {
      logger.error({ err, email_id: job.id }, 'Delivering a queued email failed; it will be retried');
      outcome = { verdict: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
    const settleOnce = () =>
      outcome.verdict === 'retry' ? boss!.fail(QUEUE, job.id, { message: outcome.error }) : boss!.complete(QUEUE, job.id);
    const giveUpAt = Date.now() + (options.settleRetryMs ?? 0);
    for (let attempt = 1, delay = 100; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
      try {
        await settleOnce();
        return;
      } catch (err) {
        if (stopping || Date.now() + delay > giveUpAt) {
          // The job stays active until it expires, then comes back; the row's status decides then.
          logger.error({ err, email_id: job.id, attempt }, 'Could not settle an email job');
          return;
        }
        logger.warn({ err, email_id: job.id, attempt }, 'Could not settle an email job yet; trying again');
        await sleep(delay);
      }
    }
  }

  async function runBatch(jobs: EmailJob[]): Promise<void> {
    let next = 0;
    const lanes = Array.from({ length: Math.min(options.concurrency, jobs.length) }, async () => {
      while (next < jobs.length && !stopping) await settle(jobs[next++]!);
    });
    await Promise.all(lanes);
    // Stopping: jobs fetched but not started go back to the queue now rather than when they expire.
    const untouched = jobs.slice(next).map((job) => job.id);
    if (untouched.length > 0) {
      const reason = { message: 'The worker stopped before delivering it' };
      await Promise.all(untouched.map((id) => boss!.fail(QUEUE, id, reason))).catch((err: unknown) => {
        logger.error({ err, jobs: untouched.length }, 'Could not give back the email jobs of a stopping worker');
      });
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let jobs: EmailJob[] = [];
      try {
        jobs = (await boss!.fetch<EmailJob['data']>(QUEUE, { batchSize: options.batchSize, includeMetadata: true })) ?? [];
      } catch (err) {
        logger.error({ err }, 'Could not fetch queued emails');
      }
      if (jobs.length > 0) {
        await runBatch(jobs);
        continue;
      }
      idle = new AbortController();
      await sleep(options.pollSeconds * 1000, undefined, { signal: idle.signal }).catch(() => undefined);
    }
  }

  return {
    running: () => loop !== undefined,
    async start() {
      if (loop) return;
      stopping = false;
      db = jobQueueDb(options.handle);
      boss = new PgBoss({ db, migrate: false, supervise: true, schedule: false, maintenanceIntervalSeconds: 60 });
      boss.on('error', (err) => logger.error({ err }, 'Job queue error'));
      await boss.start();
      loop = run();
      logger.info(
        { batch_size: options.batchSize, concurrency: options.concurrency, poll_seconds: options.pollSeconds },
        'Email worker started',
      );
    },
    async stop() {
      if (!loop) return;
      stopping = true;
      idle?.abort();
      const timeout = sleep(options.stopTimeoutMs, 'timeout' as const, { ref: false });
      const ended = await Promise.race([loop.then(() => 'done' as const), timeout]);
      if (ended === 'timeout') logger.warn({ timeout_ms: options.stopTimeoutMs }, 'Email worker stop timed out with deliveries in flight');
      await boss!.stop({ graceful: false, close: false });
      await db!.drain();
      loop = undefined;
      boss = undefined;
      logger.info('Email worker stopped');
    },
  };
}
