import { createHash } from 'node:crypto';
import { getTableColumns, getTableName, SQL, type Column, type Table } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import pg from 'pg';
import type { Executor } from './client';
import { CommitOutcomeUnknownError, dbErrorInfo, transientKind } from './errors';
import { openTransactionOf } from './open-transaction';

/**
 * SQL written as text for the hot write path (posting a voucher), where turning Drizzle's query
 * builders into SQL on every request cost more of the API's CPU than anything else it did for a
 * voucher (`bench/README.md`, voucher-limit). Values still travel as bind parameters, never in
 * the text; column names and value encodings come from the same Drizzle schema, so the
 * statements cannot drift from the tables.
 */

/** Bind parameters of one statement: `add` answers the `$n` to put in the text. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** A Date goes as its ISO text (as Drizzle sends timestamps), undefined as NULL. */
  add(value: unknown): string {
    this.push(value);
    return `$${this.values.length}`;
  }

  /** `add` without the placeholder: for a statement whose text is already built (one per shape). */
  push(value: unknown): void {
    this.values.push(value === undefined ? null : value instanceof Date ? value.toISOString() : value);
  }
}

const casing = new CasingCache('snake_case');

interface InsertColumn {
  key: string;
  sqlName: string;
  column: Column;
}
const columnLists = new WeakMap<Table, readonly InsertColumn[]>();

/** The table's columns in schema order (an array: the posting walks it once per inserted row). */
function columnsOf(table: Table): readonly InsertColumn[] {
  let list = columnLists.get(table);
  if (!list) {
    list = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, sqlName: casing.getColumnCasing(column), column }));
    columnLists.set(table, list);
  }
  return list;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * `insert into "table" ("a", "b", …) values ($1, $2, …), (…)` over every column of the table,
 * each value encoded by its column, and a value left undefined filled as Drizzle's
 * `insert(...).values(...)` fills it: the column's `$defaultFn` (or `$onUpdate`) in JavaScript,
 * else its SQL DEFAULT, else NULL (sent as a parameter, so the statement's text, and with it its
 * prepared plan, does not depend on which optional values a row happens to have).
 */
export function insertValuesSql(table: Table, rows: readonly object[], params: SqlParams): string {
  if (rows.length === 0) throw new Error(`insertValuesSql(${getTableName(table)}): no rows`);
  const columns = columnsOf(table);
  const tuples = rows.map((row) => {
    const record = row as Record<string, unknown>;
    const cells = columns.map(({ key, column }) => {
      const value = cellValue(table, key, column, record);
      return value === DEFAULT_CELL ? 'DEFAULT' : params.add(value);
    });
    return `(${cells.join(', ')})`;
  });
  return `insert into ${quote(getTableName(table))} (${columns.map((c) => quote(c.sqlName)).join(', ')}) values ${tuples.join(', ')}`;
}

/**
 * The values `insertValuesSql` would bind for these rows, in the same order, without its text
 * (for a statement whose text is built once per shape), and the shape the text depends on: the
 * number of rows and, per row, which cells are the column's SQL DEFAULT (`D`) rather than a
 * parameter (`p`).
 */
export function insertValuesParams(table: Table, rows: readonly object[], params: SqlParams): string {
  if (rows.length === 0) throw new Error(`insertValuesParams(${getTableName(table)}): no rows`);
  const columns = columnsOf(table);
  let shape = '';
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) {
      const { key, column } = columns[i]!;
      const value = cellValue(table, key, column, record);
      if (value === DEFAULT_CELL) shape += 'D';
      else {
        params.push(value);
        shape += 'p';
      }
    }
    shape += ';';
  }
  return shape;
}

const DEFAULT_CELL = Symbol('DEFAULT');

/** One cell of an inserted row: its driver value, or DEFAULT_CELL for the column's SQL default (see insertValuesSql). */
function cellValue(table: Table, key: string, column: Column, record: Record<string, unknown>): unknown {
  let value = record[key];
  if (value === undefined) {
    if (column.defaultFn) value = column.defaultFn();
    else if (!column.default && column.onUpdateFn) value = column.onUpdateFn();
    else if (column.hasDefault) return DEFAULT_CELL;
  }
  if (value instanceof SQL)
    throw new Error(`insertValuesSql(${getTableName(table)}): ${key} has an SQL default function, not supported here`);
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

interface DriverClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PgDriverClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** pg's Client, PoolClient and Pool take a query config (and so a statement name); PGlite does not. */
const isPgDriver = (client: DriverClient): boolean => client instanceof pg.Pool || client instanceof pg.Client;

/** How many distinct statement texts get a name: each one is parsed and planned once per connection, and kept there. */
export const MAX_NAMED_STATEMENTS = 200;
/** Statements with more parameters than this (a voucher of some 40 lines and more) stay unnamed: rare, and their plans are large. */
export const MAX_NAMED_PARAMETERS = 2_000;
const statementNames = new Map<string, string>();

/**
 * The name this text is prepared under on every `pg` connection (`tq_` and a hash of the text, so
 * one name never means two texts), or none once MAX_NAMED_STATEMENTS texts have one.
 */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `tq_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs SQL text with bind parameters on the executor's own connection (the open transaction's,
 * or the pool's) and answers its rows, on either driver: both `pg` and PGlite clients answer
 * `{ rows }`. On the PostgreSQL server the statement is a named prepared statement: parsed and
 * planned once per connection, then only bound and executed (on the voucher path that halved the
 * database's CPU per voucher). Errors are the driver's own (SQLSTATE on `code`).
 */
export async function rawRows<T>(db: Executor, text: string, values: readonly unknown[]): Promise<T[]> {
  const client = driverClientOf(db);
  const result = isPgDriver(client) ? await pgQuery(client, text, values) : await client.query(text, values as unknown[]);
  return result.rows as T[];
}

function driverClientOf(db: Executor): DriverClient {
  const client = (db as unknown as { session?: { client?: DriverClient } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('rawRows: this executor has no driver connection');
  return client;
}

function pgQuery(client: DriverClient, text: string, values: readonly unknown[]) {
  return (client as unknown as PgDriverClient).query({
    name: values.length <= MAX_NAMED_PARAMETERS ? statementName(text) : undefined,
    text,
    values: values as unknown[],
  });
}

/**
 * As `rawRows`, as the last statement of the executor's transaction on the PostgreSQL server:
 * COMMIT goes right behind it, in the same write, so the transaction's locks are released one
 * round trip sooner and the API does not wait for the answer before committing. Whatever the
 * caller would have checked in the answer before committing must therefore be checked by the
 * statement itself (it fails, and the transaction rolls back, when a check does not hold). The
 * request's owed session check must have passed first. Answers `committed: false`, having run the
 * statement as `rawRows` does, when this is not possible (PGlite, or no transaction of
 * db/session.ts on this connection): the transaction then commits as usual when the work returns.
 *
 * A statement answered with an error leaves the transaction aborted, and the COMMIT behind it rolls
 * it back: that error is thrown as it came (a transient one is retried by the transaction as
 * usual). A connection lost before both answers arrived leaves the outcome unknown
 * (`CommitOutcomeUnknownError`, never retried), as a COMMIT of its own would.
 */
export async function rawRowsThenCommit<T>(
  db: Executor,
  text: string,
  values: readonly unknown[],
): Promise<{ rows: T[]; committed: boolean }> {
  const client = driverClientOf(db);
  const open = isPgDriver(client) ? openTransactionOf(client as unknown as pg.ClientBase) : undefined;
  if (!open || open.ended) return { rows: await rawRows<T>(db, text, values), committed: false };
  if (open.check) await open.check;
  open.ended = true;
  open.cork();
  const statement = pgQuery(client, text, values);
  const commit = client.query('COMMIT');
  open.uncork();
  const [done, committed] = await Promise.allSettled([statement, commit]);
  if (done.status === 'rejected') {
    // An answer from the server (it has an SQLSTATE) means the statement failed there and the
    // transaction was rolled back; without one, the connection went before anything was known.
    if (dbErrorInfo(done.reason).pgCode === undefined) throw new CommitOutcomeUnknownError(done.reason);
    throw done.reason;
  }
  if (committed.status === 'rejected') {
    const err: unknown = committed.reason;
    if (dbErrorInfo(err).pgCode === undefined || transientKind(err) === 'unavailable') throw new CommitOutcomeUnknownError(err);
    throw err;
  }
  return { rows: done.value.rows as T[], committed: true };
}

/** Column types whose values both drivers hand back exactly as Drizzle would (text as is, timestamptz as a Date, numeric as a string). */
const DECODED_ALIKE = new Set(['PgUUID', 'PgText', 'PgVarchar', 'PgBoolean', 'PgTimestamp', 'PgInteger', 'PgNumeric']);

/**
 * A select list `alias."sql_name" AS "<prefix><key>", …` for these Drizzle columns, whose rows
 * `pickColumns` turns back into the object Drizzle's `select` would give. Only column types the
 * two drivers decode alike are taken (a `date` in string mode is cast to text); anything else is
 * refused at once rather than decoded differently.
 */
export function selectListSql(alias: string, columns: Record<string, Column>, prefix = ''): string {
  return Object.entries(columns)
    .map(([key, column]) => {
      const ref = `${alias}.${quote(casing.getColumnCasing(column))}`;
      if (column.columnType === 'PgDateString') return `${ref}::text AS ${quote(prefix + key)}`;
      if (!DECODED_ALIKE.has(column.columnType))
        throw new Error(`selectListSql: ${column.columnType} (${key}) is not decoded alike by both drivers`);
      return `${ref} AS ${quote(prefix + key)}`;
    })
    .join(', ');
}

/** The `prefix`ed keys of a row read with `selectListSql`, as an object keyed like `columns`. */
export function pickColumns<T>(row: Record<string, unknown>, columns: Record<string, Column>, prefix = ''): T {
  const { keys, aliases } = pickPlan(columns, prefix);
  const picked: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) picked[keys[i]!] = row[aliases[i]!];
  return picked as T;
}

/** The keys of `columns` and their prefixed aliases, worked out once per column set and prefix (reads on the posting path run this per voucher). */
const pickPlans = new WeakMap<Record<string, Column>, Map<string, { keys: string[]; aliases: string[] }>>();
function pickPlan(columns: Record<string, Column>, prefix: string): { keys: string[]; aliases: string[] } {
  let byPrefix = pickPlans.get(columns);
  if (!byPrefix) pickPlans.set(columns, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    const keys = Object.keys(columns);
    plan = { keys, aliases: keys.map((key) => prefix + key) };
    byPrefix.set(prefix, plan);
  }
  return plan;
}
