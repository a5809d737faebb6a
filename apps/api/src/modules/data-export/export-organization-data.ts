import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { queryRows, type Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import { cursorRows, streamInTransaction } from '../../db/streaming';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { csvCell } from '../../lib/export';
import type { FileAnswer } from '../../lib/route';
import type { AuditWriter } from '../audit';
import { DATA_TABLES, type DataTable } from './organization-data.tables';

export interface DataExportDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

interface Column {
  name: string;
  type: string;
}

const NUMBER_TYPES = new Set(['numeric', 'integer', 'bigint', 'smallint', 'double precision', 'real']);
const BATCH = 2_000;

async function columnsOf(tx: Executor): Promise<Map<string, Column[]>> {
  const rows = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    tx,
    sql`SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name IN (${sql.join(
          DATA_TABLES.map((t) => sql`${t.name}`),
          sql`, `,
        )})
        ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, Column[]>();
  for (const r of rows) {
    const table = DATA_TABLES.find((t) => t.name === r.table_name)!;
    if (table.omit?.includes(r.column_name)) continue;
    byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  }
  return byTable;
}

/** README.txt of the zip: what each file holds and each column's type (and a note where one helps). */
function readme(orgName: string, madeAt: Date, columns: Map<string, Column[]>): string {
  const lines = [
    `The data of ${orgName}, as exported from TRITIQ ERP on ${madeAt.toISOString()}.`,
    '',
    'One CSV file per table: UTF-8 with a byte-order mark, a header row, CRLF line ends, RFC 4180 quoting.',
    'Every row of the organisation, read in one snapshot (the files agree with one another).',
    "Ids are UUIDs: a column ending in _id names the row of another file with that id (voucher_id: vouchers.csv's id).",
    "Money and quantities are decimals as stored (never rounded); dates yyyy-mm-dd; times in UTC ('2026-04-01 09:30:00.123+00').",
    'Booleans are true or false; JSON columns (details, variables) hold JSON text; an empty cell is no value.',
    'Text a spreadsheet would run as a formula (starting with =, +, -, @) has an apostrophe before it; numbers never do.',
    '',
  ];
  for (const table of DATA_TABLES) {
    lines.push(`${table.name}.csv: ${table.about}.`);
    for (const c of columns.get(table.name) ?? []) {
      const note = table.notes?.[c.name];
      lines.push(`  ${c.name} (${c.type})${note ? `: ${note}` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\r\n');
}

async function writeTable(tx: Executor, organizationId: string, table: DataTable, columns: Column[], into: PassThrough): Promise<number> {
  const put = async (text: string) => {
    if (into.destroyed) throw new Error('The download was stopped');
    if (into.write(text)) return;
    await new Promise<void>((resolve) => {
      into.once('drain', resolve);
      into.once('close', resolve);
    });
  };
  await put(`\uFEFF${columns.map((c) => csvCell(c.name, 'text')).join(',')}\r\n`);
  const kinds = columns.map((c) => (NUMBER_TYPES.has(c.type) ? ('number' as const) : ('text' as const)));
  const select = sql.join(
    columns.map((c) => sql`${sql.identifier(c.name)}::text AS ${sql.identifier(c.name)}`),
    sql`, `,
  );
  const order = sql.join(
    table.orderBy.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const query = sql`SELECT ${select} FROM ${sql.identifier(table.name)} WHERE ${sql.identifier(table.key)} = ${organizationId} ORDER BY ${order}`;
  let count = 0;
  for await (const batch of cursorRows<Record<string, string | null>>(tx, `export_${table.name}`, query, BATCH)) {
    const text = batch.map((row) => columns.map((c, i) => csvCell(row[c.name] ?? null, kinds[i]!)).join(',')).join('\r\n');
    count += batch.length;
    await put(`${text}\r\n`);
  }
  into.end();
  return count;
}

/**
 * "Your data is yours" (README "Your data"): every row of the organisation's business data as a
 * zip of CSV files, one per table, with a README.txt of the columns. Read in one read-only
 * snapshot through cursors and written as it is read: a table's rows pass through one batch at a
 * time and the zip (yazl, deflated by Node's zlib) is streamed to the client, never built whole.
 * The download is audited (`organization.data_exported`) before it starts.
 */
export async function exportOrganizationData(deps: DataExportDeps, actor: Actor): Promise<FileAnswer> {
  const madeAt = deps.clock.now();
  await deps.sessions.transaction(
    (tx) =>
      deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'organization.data_exported',
        targetType: 'organization',
        targetId: actor.organizationId,
        details: { files: DATA_TABLES.map((t) => `${t.name}.csv`) },
      }),
    tenantTx(actor, 'data_export.audit'),
  );
  let orgName = 'organisation';
  const body = await streamInTransaction(
    deps.sessions,
    tenantTx(actor, 'data_export.zip', true),
    async (tx) => {
      await tx.execute(sql`SELECT set_config('TimeZone', 'UTC', true)`);
      const [org] = await queryRows<{ name: string }>(tx, sql`SELECT name FROM organizations WHERE id = ${actor.organizationId}`);
      orgName = org?.name ?? orgName;
      return columnsOf(tx);
    },
    async (tx, columns, write) => {
      const zip = new ZipFile();
      let current: PassThrough | null = null;
      // A client that goes away stops the pump: the table being written stops with it (and the transaction ends).
      const pump = (async () => {
        for await (const chunk of zip.outputStream) await write(chunk as Buffer);
      })().catch((err: unknown) => {
        current?.destroy();
        throw err;
      });
      const mtime = madeAt;
      zip.addBuffer(Buffer.from(readme(orgName, madeAt, columns), 'utf8'), 'README.txt', { mtime });
      try {
        for (const table of DATA_TABLES) {
          current = new PassThrough();
          zip.addReadStream(current, `${table.name}.csv`, { mtime });
          await writeTable(tx, actor.organizationId, table, columns.get(table.name) ?? [], current);
        }
        zip.end();
      } finally {
        await pump;
      }
    },
  );
  const stamp = madeAt.toISOString().slice(0, 10);
  return { body, filename: `${slug(orgName)}-data-${stamp}.zip`, contentType: 'application/zip' };
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'organisation';
