/**
 * Classifies database errors. Drizzle wraps driver errors, so the PostgreSQL SQLSTATE and the
 * socket error code may sit on the error itself or anywhere down its `cause` chain.
 */
export interface DbErrorInfo {
  /** SQLSTATE, e.g. 23505. */
  pgCode?: string;
  /** Node socket error code, e.g. ECONNREFUSED. */
  sysCode?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
  message: string;
}

export function dbErrorInfo(err: unknown): DbErrorInfo {
  const info: DbErrorInfo = { message: err instanceof Error ? err.message : String(err) };
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as Record<string, unknown>;
    if (!info.pgCode && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) info.pgCode = e.code;
    if (!info.sysCode && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) info.sysCode = e.code;
    if (!info.constraint && typeof e.constraint === 'string') info.constraint = e.constraint;
    if (!info.detail && typeof e.detail === 'string') info.detail = e.detail;
    if (!info.table && typeof e.table === 'string') info.table = e.table;
    if (!info.column && typeof e.column === 'string') info.column = e.column;
    current = e.cause;
  }
  return info;
}

/**
 * The commit was sent but its answer never arrived: the transaction may or may not have
 * committed. Never retried, since a retry could post the same change twice.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('The database connection was lost while committing; the outcome is unknown', { cause });
    this.name = 'CommitOutcomeUnknownError';
  }
}

export type TransientKind = 'contention' | 'unavailable';

const CONTENTION_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
]);

const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown (also pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007', // connection_exception family
]);

const UNAVAILABLE_SYS_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres reports these without a code. */
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i, // pool acquire timeout
  /connection terminated/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /server closed the connection unexpectedly/i,
];

/**
 * Which failures a fresh attempt can cure. Constraint violations and validation errors are
 * deliberately absent: retrying them would double-post or hide a bug.
 */
export function transientKind(err: unknown): TransientKind | undefined {
  const info = dbErrorInfo(err);
  // A named prepared statement this connection holds no longer fits the schema (a migration
  // changed a column's type under a running API) or no longer exists: a fresh connection, where
  // it is prepared anew, cures it; the failed connection is thrown away like a broken one.
  if (info.pgCode === '26000' || (info.pgCode === '0A000' && /cached plan must not change result type/i.test(info.message)))
    return 'unavailable';
  if (info.pgCode && CONTENTION_CODES.has(info.pgCode)) return 'contention';
  if (info.pgCode && UNAVAILABLE_CODES.has(info.pgCode)) return 'unavailable';
  if (info.sysCode && UNAVAILABLE_SYS_CODES.has(info.sysCode)) return 'unavailable';
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return 'unavailable';
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The server cancelled the statement (57014: `statement_timeout`, or an administrator's
 * pg_cancel_backend): the transaction was rolled back. Not retried (the same statement would wait
 * just as long again, on a database that is already overloaded), but answered 503 with Retry-After.
 */
export function isQueryCanceled(err: unknown): boolean {
  return dbErrorInfo(err).pgCode === '57014';
}

export function isUniqueViolation(err: unknown): boolean {
  return dbErrorInfo(err).pgCode === '23505';
}
