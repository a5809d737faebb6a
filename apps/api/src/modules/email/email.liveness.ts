import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { JOB_QUEUES } from '../../db/job-queue';

/**
 * Which email workers are alive, and what happens to the messages of one that is not.
 *
 * A worker registers in `email_workers` when it starts and beats every few seconds. A worker whose
 * beat is older than the dead-after interval (by the database's clock) is presumed dead: the process
 * was killed, its host lost, or it has been stalled that long. Its messages then come back at once,
 * instead of waiting 15 minutes for their job's expiry, except those it may already have handed to
 * the SMTP server:
 *
 * - held but not claimed (`queued`, its job fetched by the dead worker): certainly not sent;
 * - claimed (`sending`) but not handed over (`handed_over_at` unset): the worker records the
 *   hand-over, committed, before it sends the message's final dot, so without it the SMTP server
 *   cannot have accepted the message (a transaction cut before the dot is discarded);
 * - handed over: the server may have accepted it in the moment before the worker died. Sending it
 *   again might deliver it twice, so it waits for its lease like before (then goes out again
 *   under the same Message-ID): the one window that cannot be closed is now only this one.
 *
 * A worker presumed dead that is in fact alive (a long stall) is fenced: its hand-over mark only
 * succeeds while it still holds the row, so it withholds the final dot of a message taken from it.
 */

export interface WorkerIdentity {
  id: string;
  host: string;
  pid: number;
}

export async function registerWorker(db: Executor, worker: WorkerIdentity): Promise<void> {
  await db.execute(sql`
    INSERT INTO email_workers (id, host, pid, started_at, heartbeat_at)
    VALUES (${worker.id}, ${worker.host}, ${worker.pid}, now(), now())
    ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`);
}

/** False when the worker's row is gone: another worker presumed it dead (it must register again). */
export async function beat(db: Executor, workerId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(db, sql`UPDATE email_workers SET heartbeat_at = now() WHERE id = ${workerId} RETURNING id`);
  return rows.length === 1;
}

export async function deregisterWorker(db: Executor, workerId: string): Promise<void> {
  await db.execute(sql`DELETE FROM email_workers WHERE id = ${workerId}`);
}

export interface Takeover {
  /** Workers found dead (and removed) now. */
  deadWorkers: { id: string; host: string; pid: number; silentSeconds: number }[];
  /** Messages given back to the queue: their jobs must be made fetchable again in the same transaction. */
  released: string[];
  /** Messages of the dead workers that were handed over: left to their lease. */
  inDoubt: number;
}

/**
 * Removes the workers silent for longer than `deadAfterSeconds` and gives back every message held
 * by a worker that is not registered (dead now, or earlier, or stopped without releasing), unless
 * it was handed over. Two workers doing this at once are serialised by the rows' locks: a message
 * is released once.
 */
export async function takeOverFromDeadWorkers(tx: Executor, deadAfterSeconds: number, now: Date): Promise<Takeover> {
  const deadWorkers = await queryRows<{ id: string; host: string; pid: number; silent_seconds: number | string }>(
    tx,
    sql`DELETE FROM email_workers
         WHERE heartbeat_at < now() - ${deadAfterSeconds} * interval '1 second'
     RETURNING id, host, pid, extract(epoch FROM now() - heartbeat_at) AS silent_seconds`,
  );
  const released = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE email_messages m
           SET status = 'queued', worker_id = NULL, lease_until = NULL, updated_at = ${now}
         WHERE m.worker_id IS NOT NULL
           AND m.status IN ('queued', 'sending')
           AND (m.status = 'queued' OR m.handed_over_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM email_workers w WHERE w.id = m.worker_id)
     RETURNING m.id`,
  );
  let inDoubt = 0;
  if (deadWorkers.length > 0) {
    const ids = deadWorkers.map((w) => w.id);
    const [row] = await queryRows<{ n: number | string }>(
      tx,
      sql`SELECT count(*) AS n FROM email_messages
           WHERE status = 'sending' AND handed_over_at IS NOT NULL AND worker_id IN (${sql.join(
             ids.map((id) => sql`${id}`),
             sql`, `,
           )})`,
    );
    inDoubt = Number(row?.n ?? 0);
  }
  return {
    deadWorkers: deadWorkers.map((w) => ({ id: w.id, host: w.host, pid: w.pid, silentSeconds: Number(w.silent_seconds) })),
    released: released.map((r) => r.id),
    inDoubt,
  };
}

/** A stopping worker gives back the messages it fetched but never claimed. */
export async function releaseUnclaimed(tx: Executor, workerId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE email_messages SET worker_id = NULL
         WHERE worker_id = ${workerId} AND status = 'queued' AND id IN (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )})
     RETURNING id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Puts the delivery jobs of released messages back in the queue, fetchable now, with no retry
 * spent (their attempt never happened): what pg-boss's cancel-then-resume does, as one statement
 * in the caller's transaction. pg-boss 10's job table (`pgboss.job`: name, id, state,
 * completed_on) is pinned with the package.
 */
export async function requeueEmailJobs(tx: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    UPDATE pgboss.job SET state = 'created', completed_on = NULL, start_after = now()
     WHERE name = ${JOB_QUEUES.emailDelivery} AND state < 'completed' AND id IN (${sql.join(
       ids.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})`);
}
