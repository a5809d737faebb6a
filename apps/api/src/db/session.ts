import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbHealth, PoolStatus } from '@tritiq/contracts';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { isUuid } from '../lib/ids';
import type { AppLogger } from '../lib/logger';
import { currentOwedCheck, type OwedCheck } from '../lib/request-context';
import { DRIZZLE_OPTIONS, type DbHandle, type Executor } from './client';
import { CommitOutcomeUnknownError, dbErrorInfo, transientKind } from './errors';
import { clearOpenTransaction, setOpenTransaction, type OpenTransaction } from './open-transaction';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts once this much time has passed since the first. */
  budgetMs: number;
}

export interface TransactionOptions {
  isolation?: IsolationLevel;
  readOnly?: boolean;
  /** Retry transient failures (on by default); `false` runs exactly once. */
  retry?: boolean | Partial<RetryPolicy>;
  /**
   * The tenant the transaction acts for. It is published as the `app.org_id` setting and the
   * transaction runs as the `tritiq_app` role, so row-level security confines it to that
   * organisation's rows of the business tables (reads included: business reads use this too).
   */
  organizationId?: string | null;
  /**
   * The platform context (super admin, sign-in before the organisation is known, the email worker,
   * background jobs): every organisation's rows. It runs on the platform connection
   * (`DATABASE_PLATFORM_URL`, a login that is a member of tritiq_platform) when one is configured,
   * else on the main one (then an owner or superuser login). Never combined with `organizationId`.
   * Without either, statements run as the main login role: in the least-privilege setup that role
   * sees no row of any tenant table (row-level security is forced), so forgetting the context fails
   * closed.
   */
  platform?: boolean;
  /** Names the operation in retry logs. */
  label?: string;
}

// Defined beside the other database errors (db/raw.ts raises it too, for a statement that commits).
export { CommitOutcomeUnknownError } from './errors';

export interface SessionManager {
  readonly handle: DbHandle;
  /** The seed's `get_db_transaction`: commit on success, roll back on any throw; retried when transient. */
  transaction<T>(fn: (tx: Executor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Statements outside a transaction (plain reads), retried when the database is briefly unavailable.
   * `platform` runs them on the platform connection; a tenant read takes a (read-only) transaction
   * with `organizationId` instead, since the tenant setting lives only as long as a transaction.
   */
  run<T>(fn: (db: Executor) => Promise<T>, options?: Pick<TransactionOptions, 'retry' | 'label' | 'platform'>): Promise<T>;
  /**
   * The outcome of a check the request owes (lib/request-context.ts): run on its own when no
   * transaction has carried it yet, else the outcome of the one that did. Throws the check's error.
   */
  settle(owed: OwedCheck): Promise<void>;
  /** The seed's `check_session_health`. */
  health(): Promise<DbHealth>;
  /** The seed's `get_pool_status`. */
  poolStatus(): PoolStatus;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 50, maxDelayMs: 2_000, budgetMs: 10_000 };

export interface RetryContext {
  logger: AppLogger;
  label?: string;
  /** Injected by tests. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * The seed's `execute_with_retry`, corrected: only failures a fresh attempt can cure are retried
 * (serialization failures, deadlocks, lock timeouts, lost or refused connections, server
 * shutdown, pool timeouts), with exponential backoff and full jitter so colliding writers spread
 * out. Everything else, constraint violations above all, is thrown at once.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, ctx: RetryContext): Promise<T> {
  const random = ctx.random ?? Math.random;
  const wait = ctx.sleep ?? ((ms: number) => sleep(ms));
  const now = ctx.now ?? Date.now;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (err) {
      const kind = err instanceof CommitOutcomeUnknownError ? undefined : transientKind(err);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
      const outOfTime = now() - started + delay > policy.budgetMs;
      if (!kind || attempt > policy.maxRetries || outOfTime) {
        if (kind) {
          ctx.logger.error(
            { attempt, max_attempts: policy.maxRetries + 1, kind, cause: describe(err), operation: ctx.label },
            'Database operation failed after retries',
          );
        }
        throw err;
      }
      ctx.logger.warn(
        {
          attempt,
          max_attempts: policy.maxRetries + 1,
          kind,
          cause: describe(err),
          delay_ms: delay,
          operation: ctx.label,
        },
        `Transient database failure on attempt ${attempt}; retrying in ${delay} ms`,
      );
      await wait(delay);
    }
  }
}

function describe(err: unknown): string {
  const info = dbErrorInfo(err);
  const code = info.pgCode ?? info.sysCode;
  return code ? `${code}: ${info.message}` : info.message;
}

function resolvePolicy(retry: TransactionOptions['retry'], base: RetryPolicy): RetryPolicy {
  if (retry === false) return { ...base, maxRetries: 0 };
  if (retry === true || retry === undefined) return base;
  return { ...base, ...retry };
}

/**
 * The unprivileged role tenant transactions run as: row-level security (the row_level_security migration) lets it
 * see and write only the rows of the organisation in `app.org_id`.
 */
export const TENANT_ROLE = 'tritiq_app';

/** Publishes the tenant and drops to the tenant role, both for this transaction only. */
function tenantSettings(organizationId: string): string {
  return `SELECT set_config('app.org_id', '${organizationId}', true), set_config('role', '${TENANT_ROLE}', true)`;
}

function beginStatement(options: TransactionOptions): string {
  let sql = 'BEGIN';
  if (options.isolation) sql += ` ISOLATION LEVEL ${options.isolation.toUpperCase()}`;
  if (options.readOnly) sql += ' READ ONLY';
  // Inlined (the id is validated as a UUID first) so BEGIN and the settings share one round trip.
  if (options.organizationId) sql += `; ${tenantSettings(options.organizationId)}`;
  return sql;
}

/**
 * Sends an owed check in the transaction of this executor, which carries it: its outcome becomes the
 * request's. A lost connection is no verdict: the check is owed again, and the retry's
 * transaction carries it.
 */
function carryOwed(owed: OwedCheck, db: Executor): Promise<void> {
  const sent = owed.run(db, 'transaction');
  owed.outcome = sent;
  sent.catch((err: unknown) => {
    if (owed.outcome === sent && transientKind(err)) owed.outcome = undefined;
  });
  return sent;
}

/** Whether a transaction with these options sees the owed check's rows: its organisation's, or the platform's (every row). */
function canCarry(owed: OwedCheck, opts: TransactionOptions): boolean {
  return opts.platform === true || (typeof opts.organizationId === 'string' && opts.organizationId === owed.organizationId);
}

export interface SessionManagerOptions {
  logger: AppLogger;
  retry?: Partial<RetryPolicy>;
  healthTimeoutMs?: number;
}

export function createSessionManager(handle: DbHandle, options: SessionManagerOptions): SessionManager {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const logger = options.logger;
  // One Drizzle wrapper per pooled connection, made on its first transaction: building one walks
  // the whole schema (relations, column casing), which per transaction cost more than the SQL.
  const wrappers = new WeakMap<pg.PoolClient, Executor>();
  const wrapperOf = (client: pg.PoolClient): Executor => {
    let tx = wrappers.get(client);
    if (!tx) wrappers.set(client, (tx = drizzlePg(client, DRIZZLE_OPTIONS) as unknown as Executor));
    return tx;
  };

  const platformPool = handle.driver === 'pg' ? (handle.platformPool ?? handle.pool) : undefined;
  const platformDb = handle.driver === 'pg' ? (handle.platformDb ?? handle.db) : handle.db;

  /**
   * `carry`: the request's owed check, sent right behind BEGIN and the tenant settings, in the
   * same write; `before`: the outcome of one another transaction or a statement of its own
   * carried. Either way the transaction commits only if the check passed, and a failed check's
   * error is the transaction's, whatever the work did (a request whose session has ended learns
   * nothing more than that).
   */
  async function pgTransaction<T>(
    pool: pg.Pool,
    fn: (tx: Executor) => Promise<T>,
    opts: TransactionOptions,
    carry: OwedCheck | undefined,
    before: Promise<void> | undefined,
  ): Promise<T> {
    const client = await pool.connect();
    let committing = false;
    let discard: Error | undefined;
    let open: OpenTransaction | undefined;
    // pg-pool drops its error listener while a client is checked out; a connection dying between
    // two statements would otherwise emit an unhandled 'error' and take the process down.
    const onError = (err: Error) => {
      discard ??= err;
    };
    client.on('error', onError);
    // BEGIN and the statements the work sends before it first waits (a posting's settings, stock
    // locks, number and filing lock) leave in one socket write instead of one each: pg writes
    // every statement as soon as it is queued, and each write is a system call that also wakes
    // the server's backend. Uncorked as soon as the work first waits, so nothing is held back.
    const socket = (client as unknown as { connection?: { stream?: Partial<Pick<Writable, 'cork' | 'uncork'>> } }).connection?.stream;
    let corked = typeof socket?.cork === 'function' && typeof socket.uncork === 'function';
    const uncork = () => {
      if (!corked) return;
      corked = false;
      socket!.uncork!();
    };
    if (corked) socket!.cork!();
    try {
      // BEGIN (with the tenant settings) is not awaited on its own: the transaction's first
      // statements follow it on the pipelined connection, saving a round trip. The server runs
      // them in order, and the text cannot fail to parse (the id is a checked UUID, the rest is
      // fixed), so they run inside the transaction; if BEGIN or the settings fail (the connection
      // is lost, the role is missing), the transaction is aborted and the statements behind fail
      // too. COMMIT or ROLLBACK goes only once both have settled, and BEGIN's error, the cause, wins.
      const begin = client.query(beginStatement(opts));
      const checked = carry ? carryOwed(carry, wrapperOf(client)) : before;
      // The work's last statement may commit the transaction itself (db/raw.ts, `rawRowsThenCommit`).
      open = { check: checked, ended: false, cork: () => socket?.cork?.(), uncork: () => socket?.uncork?.() };
      setOpenTransaction(client, open);
      const work = (async () => fn(wrapperOf(client)))();
      uncork();
      const [begun, check, done] = await Promise.allSettled([begin, checked, work]);
      if (begun.status === 'rejected') throw begun.reason;
      if (check.status === 'rejected') throw check.reason;
      if (done.status === 'rejected') throw done.reason;
      const result = done.value;
      // Committed (or rolled back) by the work's last statement: its answer was the outcome.
      if (open.ended) return result;
      committing = true;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // The work sent COMMIT itself: the transaction is over (its error says how), nothing to roll back.
      if (open?.ended) {
        if (discard === undefined && transientKind(err) === 'unavailable') discard = err instanceof Error ? err : new Error(String(err));
        throw err;
      }
      if (transientKind(err) === 'unavailable') discard = err instanceof Error ? err : new Error(String(err));
      if (committing) {
        if (discard) throw new CommitOutcomeUnknownError(err);
        throw err;
      }
      if (!discard) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          discard = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
        }
      }
      throw err;
    } finally {
      uncork();
      clearOpenTransaction(client);
      client.off('error', onError);
      // A connection that failed mid-transaction is destroyed, never handed to the next caller.
      client.release(discard ?? false);
    }
  }

  async function pgliteTransaction<T>(
    fn: (tx: Executor) => Promise<T>,
    opts: TransactionOptions,
    carry: OwedCheck | undefined,
    before: Promise<void> | undefined,
  ): Promise<T> {
    if (handle.driver !== 'pglite') throw new Error('unreachable');
    // Awaited outside: PGlite runs one transaction at a time, and the one carrying it may be waiting for this one's turn.
    if (before) await before;
    handle.inFlight++;
    try {
      return await handle.db.transaction(
        async (tx) => {
          if (opts.organizationId) await tx.execute(tenantSettings(opts.organizationId));
          if (carry) await carryOwed(carry, tx as unknown as Executor);
          return fn(tx as unknown as Executor);
        },
        opts.isolation || opts.readOnly
          ? { isolationLevel: opts.isolation, accessMode: opts.readOnly ? 'read only' : undefined }
          : undefined,
      );
    } finally {
      handle.inFlight--;
    }
  }

  function plainRun<T>(fn: (db: Executor) => Promise<T>, opts: Pick<TransactionOptions, 'retry' | 'label' | 'platform'>): Promise<T> {
    const once = async () => {
      if (handle.driver === 'pglite') handle.inFlight++;
      try {
        return await fn(opts.platform ? platformDb : handle.db);
      } finally {
        if (handle.driver === 'pglite') handle.inFlight--;
      }
    };
    return withRetry(once, resolvePolicy(opts.retry, policy), { logger, label: opts.label });
  }

  const manager: SessionManager = {
    handle,
    transaction(fn, opts = {}) {
      if (opts.organizationId && !isUuid(opts.organizationId)) {
        return Promise.reject(new Error(`organizationId is not a UUID: ${opts.organizationId}`));
      }
      if (opts.organizationId && opts.platform) {
        return Promise.reject(new Error('A transaction is either for one organisation or for the platform, not both'));
      }
      const owed = currentOwedCheck();
      // A check this transaction cannot see the rows of runs on its own first.
      if (owed && !owed.outcome && !canCarry(owed, opts)) return manager.settle(owed).then(() => manager.transaction(fn, opts));
      const pool = handle.driver === 'pg' ? (opts.platform ? platformPool! : handle.pool) : undefined;
      const once = () => {
        // Each attempt: carry the check while it is owed (again, after a lost connection), else wait for its outcome.
        const carry = owed && !owed.outcome ? owed : undefined;
        const before = carry ? undefined : owed?.outcome;
        return pool ? pgTransaction(pool, fn, opts, carry, before) : pgliteTransaction(fn, opts, carry, before);
      };
      return withRetry(once, resolvePolicy(opts.retry, policy), { logger, label: opts.label });
    },
    run(fn, opts = {}) {
      const owed = currentOwedCheck();
      if (owed) return manager.settle(owed).then(() => plainRun(fn, opts));
      return plainRun(fn, opts);
    },
    settle(owed) {
      if (!owed.outcome) {
        const alone = plainRun((db) => owed.run(db, 'alone'), { platform: true, label: 'authenticate' });
        owed.outcome = alone;
        // Awaited by whoever needs it; a rejection nobody awaits yet is not an unhandled one.
        alone.catch(() => undefined);
      }
      return owed.outcome;
    },
    async health() {
      const timestamp = Date.now() / 1000;
      const timeoutMs = options.healthTimeoutMs ?? 3_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          handle.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { status: 'healthy', message: 'Database connection is working', timestamp };
      } catch (err) {
        const reason = describe(err);
        return { status: 'unhealthy', message: `Database connection failed: ${reason}`, timestamp };
      } finally {
        clearTimeout(timer);
      }
    },
    poolStatus() {
      const c = handle.poolCounts();
      return {
        pool_size: c.size,
        checked_in: c.checkedIn,
        checked_out: c.checkedOut,
        waiting: c.waiting,
        status: c.waiting > 0 ? 'degraded' : 'healthy',
      };
    },
  };
  return manager;
}

/**
 * The context that may touch rows of this organisation: its tenant context, or the platform's for
 * a platform row (no organisation: a super admin, their sessions and audit events).
 */
export function contextFor(organizationId: string | null): { organizationId: string } | { platform: true } {
  return organizationId ? { organizationId } : { platform: true };
}

/**
 * The seed's `@with_db_session` decorator: the wrapped function gets a transaction as its
 * first argument; the transaction commits when it returns and rolls back when it throws.
 */
export function withDbSession<A extends unknown[], T>(
  sessions: SessionManager,
  fn: (tx: Executor, ...args: A) => Promise<T>,
  options: TransactionOptions = {},
): (...args: A) => Promise<T> {
  return (...args: A) => sessions.transaction((tx) => fn(tx, ...args), { retry: false, ...options });
}

/** The seed's `@with_db_retry(max_retries)`: as above, with each attempt in a fresh transaction. */
export function withDbRetry<A extends unknown[], T>(
  sessions: SessionManager,
  fn: (tx: Executor, ...args: A) => Promise<T>,
  options: TransactionOptions & { maxRetries?: number } = {},
): (...args: A) => Promise<T> {
  const { maxRetries, ...rest } = options;
  const retry = maxRetries === undefined ? true : { maxRetries };
  return (...args: A) => sessions.transaction((tx) => fn(tx, ...args), { ...rest, retry });
}
