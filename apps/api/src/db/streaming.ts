import { PassThrough, type Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from './client';
import type { SessionManager, TransactionOptions } from './session';

/**
 * Streams what `produce` writes from inside one read-only transaction (one snapshot: cursors and
 * summary queries see the same month). `prepare` runs first in that transaction; what it throws
 * (a 422 naming the lines that block a return) is thrown from here, before anything is sent. After
 * that the answer is under way: a later failure ends the stream with the error, and a client that
 * goes away ends the transaction at the next chunk.
 */
export async function streamInTransaction<P>(
  sessions: SessionManager,
  options: TransactionOptions,
  prepare: (tx: Executor) => Promise<P>,
  produce: (tx: Executor, prepared: P, write: (chunk: string | Buffer) => Promise<void>, out: PassThrough) => Promise<void>,
): Promise<Readable> {
  const out = new PassThrough();
  let started!: () => void;
  let refused!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    refused = reject;
  });
  const write = async (chunk: string | Buffer) => {
    if (out.destroyed) throw new Error('The client closed the download');
    if (!out.write(chunk)) {
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        out.once('close', resolve);
      });
    }
  };
  let begun = false;
  sessions
    .transaction(
      async (tx) => {
        const prepared = await prepare(tx);
        begun = true;
        started();
        await produce(tx, prepared, write, out);
      },
      { isolation: 'repeatable read', readOnly: true, retry: false, ...options },
    )
    .then(
      () => out.end(),
      (err: unknown) => {
        // Refused before the answer began: the caller throws it (a 4xx); nobody reads the stream.
        if (!begun) {
          refused(err);
          out.destroy();
          return;
        }
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
  await ready;
  return out;
}

/**
 * Reads a query's rows in batches through a cursor of the open transaction: the database sorts
 * once, and the caller holds one batch at a time however large the month.
 */
export async function* cursorRows<T>(db: Executor, name: string, query: SQL, batch = 2000): AsyncGenerator<T[]> {
  const cursor = sql.raw(name);
  // Every row will be read: plan for all of them, not (the default for cursors) for the first tenth fast.
  await db.execute(sql`SET LOCAL cursor_tuple_fraction = 1`);
  await db.execute(sql`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query}`);
  try {
    for (;;) {
      const rows = await queryRows<T>(db, sql`FETCH ${sql.raw(String(batch))} FROM ${cursor}`);
      if (rows.length > 0) yield rows;
      if (rows.length < batch) return;
    }
  } finally {
    await db.execute(sql`CLOSE ${cursor}`);
  }
}
