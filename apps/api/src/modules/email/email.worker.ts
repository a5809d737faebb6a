import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { JOB_QUEUES, jobQueueDb, jobQueueTxDb, type JobQueueDb } from '../../db/job-queue';
import type { DbHandle, Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { AppLogger } from '../../lib/logger';
import { beat, deregisterWorker, registerWorker, releaseUnclaimed, requeueEmailJobs, takeOverFromDeadWorkers } from './email.liveness';
import type { DeliveryVerdict, EmailJob } from './email.outbox';
import { reserveEmailMessages } from './email.repo';

const QUEUE = JOB_QUEUES.emailDelivery;

export interface EmailWorkerOptions {
  /** This worker's id in `email_workers` and on the messages it holds. */
  id: string;
  handle: DbHandle;
  sessions: SessionManager;
  logger: AppLogger;
  /** Liveness (email.liveness.ts): how often this worker beats, and when a silent one is presumed dead. */
  heartbeatSeconds: number;
  deadAfterSeconds: number;
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
 *
 * Liveness: the worker registers, beats, and on each beat takes over the messages of workers that
 * stopped beating (email.liveness.ts): their jobs are made fetchable again at once (cancel +
 * resume, in the transaction that releases the rows) rather than when they expire.
 */
export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
  const { logger, sessions } = options;
  const identity = { id: options.id, host: hostname(), pid: process.pid };
  let boss: PgBoss | undefined;
  let db: JobQueueDb | undefined;
  let loop: Promise<void> | undefined;
  let idle: AbortController | undefined;
  let heart: NodeJS.Timeout | undefined;
  let beating: Promise<void> | undefined;
  let stopping = false;

  /** Makes jobs fetchable again now, inside the caller's transaction. */
  async function requeueJobs(tx: Executor, ids: string[]): Promise<void> {
    await requeueEmailJobs(tx, ids);
  }

  async function heartbeat(): Promise<void> {
    try {
      const alive = await sessions.run((db) => beat(db, identity.id), { platform: true, label: 'email.worker_beat' });
      if (!alive) {
        logger.warn({ worker_id: identity.id }, 'This email worker was presumed dead by another (no heartbeat in time); registering again');
        await sessions.run((db) => registerWorker(db, identity), { platform: true, label: 'email.worker_register' });
      }
      const takeover = await sessions.transaction(
        async (tx) => {
          const found = await takeOverFromDeadWorkers(tx, options.deadAfterSeconds, new Date());
          await requeueJobs(tx, found.released);
          return found;
        },
        { platform: true, label: 'email.takeover' },
      );
      for (const dead of takeover.deadWorkers) {
        logger.warn(
          {
            dead_worker_id: dead.id,
            dead_worker_host: dead.host,
            dead_worker_pid: dead.pid,
            silent_seconds: Math.round(dead.silentSeconds),
          },
          'An email worker stopped beating; presumed dead',
        );
      }
      if (takeover.released.length > 0 || takeover.inDoubt > 0) {
        logger.warn(
          { worker_id: identity.id, released: takeover.released.length, in_doubt: takeover.inDoubt },
          `Took over ${takeover.released.length} email message(s) of stopped workers` +
            (takeover.inDoubt > 0
              ? `; ${takeover.inDoubt} already handed to SMTP wait for their lease (they may have been delivered)`
              : ''),
        );
      }
    } catch (err) {
      logger.warn({ err }, 'Email worker heartbeat failed; trying again at the next beat');
    }
  }

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
      await sessions
        .transaction(async (tx) => requeueJobs(tx, await releaseUnclaimed(tx, identity.id, untouched)), {
          platform: true,
          label: 'email.release',
        })
        .catch((err: unknown) => {
          logger.error({ err, jobs: untouched.length }, 'Could not give back the email jobs of a stopping worker');
        });
    }
  }

  /** Fetches a batch and marks its messages as held by this worker, in one transaction. */
  function fetchBatch(): Promise<EmailJob[]> {
    return sessions.transaction(
      async (tx) => {
        const jobs =
          (await boss!.fetch<EmailJob['data']>(QUEUE, { batchSize: options.batchSize, includeMetadata: true, db: jobQueueTxDb(tx) })) ?? [];
        await reserveEmailMessages(
          tx,
          jobs.map((j) => j.id),
          identity.id,
        );
        return jobs as EmailJob[];
      },
      { platform: true, label: 'email.fetch' },
    );
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let jobs: EmailJob[] = [];
      try {
        jobs = await fetchBatch();
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
      await sessions.run((db) => registerWorker(db, identity), { platform: true, label: 'email.worker_register' });
      heart = setInterval(() => {
        beating ??= heartbeat().finally(() => (beating = undefined));
      }, options.heartbeatSeconds * 1000);
      // At start too: messages a previous process on this host left behind come back without waiting a beat.
      beating = heartbeat().finally(() => (beating = undefined));
      loop = run();
      logger.info(
        {
          worker_id: identity.id,
          batch_size: options.batchSize,
          concurrency: options.concurrency,
          poll_seconds: options.pollSeconds,
          heartbeat_seconds: options.heartbeatSeconds,
          dead_after_seconds: options.deadAfterSeconds,
        },
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
      clearInterval(heart);
      await beating;
      // Gone from the register: anything still held (a delivery that outlived the stop timeout and
      // was not handed over yet) is taken over by the next worker's beat.
      await sessions
        .run((db) => deregisterWorker(db, identity.id), { platform: true, label: 'email.worker_deregister' })
        .catch((err: unknown) => logger.warn({ err }, 'Could not deregister the email worker; it will be presumed dead'));
      await boss!.stop({ graceful: false, close: false });
      await db!.drain();
      loop = undefined;
      boss = undefined;
      logger.info('Email worker stopped');
    },
  };
}
