import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { DbHandle } from '../../db/client';
import { JOB_QUEUES, jobQueueDb } from '../../db/job-queue';
import type { AppLogger } from '../../lib/logger';
import type { PartyStatementsDeps } from './party-statements.deps';
import { runDailyPaymentReminders } from './run-daily-reminders';

/** Every day at 09:00 India time. */
export const DAILY_REMINDERS_CRON = '0 9 * * *';
export const DAILY_REMINDERS_TZ = 'Asia/Kolkata';

/**
 * The daily payment reminder job on pg-boss: a cron schedule (`boss.schedule`, stored in the
 * database, so every instance agrees and pg-boss makes one job per day however many run it) puts
 * a job on the `payment-reminders` queue, and this process fetches it (SKIP LOCKED: one instance
 * runs it) and runs `runDailyPaymentReminders`. The API process runs it on either driver; with the
 * embedded database it is the only process there is.
 */
export function createReminderSchedule(deps: PartyStatementsDeps & { handle: DbHandle; logger: AppLogger }, pollSeconds = 60) {
  const queue = JOB_QUEUES.paymentReminders;
  let boss: PgBoss | undefined;
  let loop: Promise<void> | undefined;
  let stopping = false;
  let idle: AbortController | undefined;
  const db = jobQueueDb(deps.handle);

  async function runOnce(): Promise<void> {
    const jobs = (await boss!.fetch(queue, { batchSize: 1 })) ?? [];
    for (const job of jobs) {
      try {
        const outcome = await runDailyPaymentReminders(deps);
        deps.logger.info({ job_id: job.id, ...outcome }, 'Daily payment reminders queued');
        await boss!.complete(queue, job.id);
      } catch (err) {
        deps.logger.error({ err, job_id: job.id }, 'Daily payment reminders failed');
        await boss!.fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      try {
        await runOnce();
      } catch (err) {
        deps.logger.error({ err }, 'Could not fetch the daily payment reminder job');
      }
      idle = new AbortController();
      await sleep(pollSeconds * 1000, undefined, { signal: idle.signal }).catch(() => undefined);
    }
  }

  async function begin(): Promise<void> {
    boss = new PgBoss({ db, migrate: false, supervise: false, schedule: true });
    boss.on('error', (err) => deps.logger.error({ err }, 'Job queue error (payment reminders)'));
    await boss.start();
    // A stop asked for while starting (the process told to shut down as it came up) wins.
    if (stopping) return;
    await boss.schedule(queue, DAILY_REMINDERS_CRON, {}, { tz: DAILY_REMINDERS_TZ });
    if (stopping) return;
    loop = run();
    deps.logger.info({ cron: DAILY_REMINDERS_CRON, tz: DAILY_REMINDERS_TZ }, 'Daily payment reminder schedule started');
  }

  let starting: Promise<void> | undefined;
  return {
    async start(): Promise<void> {
      if (loop || starting) return starting;
      stopping = false;
      starting = begin();
      try {
        await starting;
      } finally {
        starting = undefined;
      }
    },
    /** Puts a job on the queue now, as the cron does at 09:00 (for an operator, and for tests). */
    async sendNow(): Promise<string | null> {
      return boss!.send(queue, {});
    },
    /** Fetches and runs what is on the queue now instead of waiting for the next poll. */
    runPending: () => runOnce(),
    /** Stops the loop and the queue; a start still under way is waited for first (then nothing more starts). */
    async stop(): Promise<void> {
      stopping = true;
      idle?.abort();
      if (starting) await starting.catch(() => undefined);
      if (!boss) return;
      if (loop) await loop;
      await boss.stop({ graceful: false, close: false });
      await db.drain();
      loop = undefined;
      boss = undefined;
    },
  };
}
