import type pg from 'pg';

/**
 * The transaction a `pg` connection has open (db/session.ts), as a statement that commits it in
 * the same round trip needs it (`rawRowsThenCommit`, db/raw.ts): the check the request owes, which
 * must have passed before anything may commit, and whether COMMIT has been sent, after which
 * the transaction sends neither COMMIT nor ROLLBACK of its own.
 */
export interface OpenTransaction {
  /** The owed session check this transaction carries or waits for (its outcome), if any. */
  readonly check: Promise<void> | undefined;
  /** COMMIT was sent by the work: the transaction has ended, whatever its answer. */
  ended: boolean;
  /** Holds the connection's writes until `uncork`, so what is sent in between leaves in one write. */
  cork(): void;
  uncork(): void;
}

const open = new WeakMap<pg.ClientBase, OpenTransaction>();

export function setOpenTransaction(client: pg.ClientBase, transaction: OpenTransaction): void {
  open.set(client, transaction);
}

export function clearOpenTransaction(client: pg.ClientBase): void {
  open.delete(client);
}

export function openTransactionOf(client: pg.ClientBase): OpenTransaction | undefined {
  return open.get(client);
}
