/**
 * Importing 10,000 products (issue 18: under 10 s): the dry run (every row checked) and the
 * import (all rows in one transaction), from CSV and from Excel, against the real API in its own
 * process on the PostgreSQL server. Usage (from the repository root):
 *   npm run bench -- import [--rows 10000]
 *   npm run bench -- import --cpu-prof <dir>   (a CPU profile of the API process, written when it stops)
 *   npm run bench -- import --pglite   (the embedded database in a temporary folder, after one
 *     product made by hand; its CPU is the API process's)
 *   BENCH_EXPLAIN=300ms npm run bench -- import (auto_explain: plans of statements, and of the
 *     foreign-key checks inside them, slower than that, in the server's log; needs a superuser)
 * It creates and drops a throwaway database on BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and sends traffic only to 127.0.0.1.
 * Each import prints the CPU time of the API process and of the database's backends, which a
 * loaded machine does not distort as it does the wall time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { startServerEntry } from './support/server-entry';
import { createThrowawayDatabase } from './support/throwaway-db';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, 'cpu-prof': { type: 'string' }, pglite: { type: 'boolean', default: false } },
});
const ROWS = Number(args.rows);
const TARGET_SECONDS = 10;
const UNITS = ['PCS', 'NOS', 'KG', 'BOX', 'L'];
const RATES = ['0', '5', '12', '18', '28'];

/** `ROWS` products as spreadsheet rows: every column of the template, names and part numbers unique. */
function productRows(prefix: string): string[][] {
  const rows = [['Item Name', 'SKU', 'HSN/SAC', 'UOM', 'Rate', 'Cost', 'GST %', 'Reorder level', 'Description']];
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      `${prefix} item ${i}`,
      `${prefix}-${i}`,
      String(7318 + (i % 50)),
      UNITS[i % UNITS.length]!,
      `${100 + (i % 900)}.50`,
      `${80 + (i % 700)}.25`,
      RATES[i % RATES.length]!,
      String(i % 20),
      `Bench product ${i}`,
    ]);
  }
  return rows;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU time of the API process and of the PostgreSQL backends serving the bench database: on a
 * machine others load, these say where the time goes when the wall clock cannot.
 */
async function cpuNow(admin: pg.Client | null, dbName: string, apiPid: number): Promise<{ api: number; sql: number }> {
  // The embedded database runs inside the API's process: its CPU is the API's.
  if (!admin) return { api: cpuSeconds(apiPid), sql: 0 };
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
    dbName,
  ]);
  return { api: cpuSeconds(apiPid), sql: rows.reduce((sum, r) => sum + cpuSeconds(r.pid), 0) };
}
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

interface Report {
  rows: number;
  problem_count: number;
  created: number;
  imported: boolean;
}

async function main(): Promise<void> {
  const db = args.pglite ? null : await createThrowawayDatabase();
  const dataDir = args.pglite ? mkdtempSync(path.join(tmpdir(), 'bench-import-')) : null;
  const dbName = db ? new URL(db.url).pathname.slice(1) : path.basename(dataDir!);
  const cleanUp = async () => {
    if (db) await db.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  if (db && process.env.BENCH_EXPLAIN) {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(`ALTER DATABASE "${dbName}" SET session_preload_libraries = 'auto_explain'`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_min_duration = '${process.env.BENCH_EXPLAIN}'`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_analyze = on`);
    await c.query(`ALTER DATABASE "${dbName}" SET auto_explain.log_nested_statements = on`);
    await c.end();
  }
  const server = await startServerEntry(db ? db.url : { dataDir: dataDir! }, {
    nodeArgs: args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(args['cpu-prof'])] : [],
  }).catch(async (err: unknown) => {
    await cleanUp();
    throw err;
  });
  const { child, call } = server;
  let failed = false;
  try {
    // Each file goes into an organisation of its own, without products: the second import into
    // one that already holds the first file's 10,000 products took twice as long (bench/README.md).
    const ownerOf = (label: string) =>
      server.newOrganization({
        name: `Bench Traders ${label} ${dbName}`,
        admin_email: `owner-${label.toLowerCase()}-${dbName}@example.test`,
      });

    const csvRows = productRows('CSV');
    const csv = Buffer.from(csvRows.map((r) => r.join(',')).join('\r\n'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Products');
    for (const [i, r] of productRows('XLSX').entries()) ws.addRow(i === 0 ? r : r.map((c, j) => (j >= 4 && j <= 7 ? Number(c) : c)));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

    console.log(
      `import: ${ROWS.toLocaleString('en-IN')} products${args.pglite ? ' (embedded database)' : ''}, CSV ${kb(csv.length)}, Excel ${kb(xlsx.length)}; ` +
        `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (figures on a busy machine are not the product's)`,
    );
    const more = Buffer.from(
      productRows('MORE')
        .map((r) => r.join(','))
        .join('\r\n'),
    );
    const admin = db ? new pg.Client({ connectionString: db.url }) : null;
    await admin?.connect();
    if (args.pglite) {
      // One product made by hand first, as a new shop would: the embedded database's one
      // connection plans the stock row's foreign-key check while `products` holds a single row,
      // and keeps that plan (db/statistics.ts).
      const shop = await ownerOf('Shop');
      await call('POST', '/products', { name: 'Hand-made', hsn_code: '7318', unit: 'PCS', unit_price: '10.00', gst_rate: '18' }, shop);
    }
    const tokens = new Map<string, string>();
    // The first two each into an organisation of its own, as a business starts; the third into the
    // CSV's organisation, which then holds 10,000 products (other names).
    for (const [name, file, into] of [
      ['CSV', csv, 'CSV'],
      ['Excel', xlsx, 'Excel'],
      ['CSV into 10,000', more, 'CSV'],
    ] as const) {
      const token = tokens.get(into) ?? (await ownerOf(into));
      tokens.set(into, token);
      const body = { file_name: `products.${name === 'Excel' ? 'xlsx' : 'csv'}`, content_base64: file.toString('base64') };
      let started = performance.now();
      const dry = await call<Report>('POST', '/imports/products', { ...body, dry_run: true }, token);
      const dryS = seconds(started);
      if (dry.problem_count !== 0 || dry.created !== ROWS) throw new Error(`${name} dry run: ${JSON.stringify(dry).slice(0, 300)}`);
      const cpuBefore = await cpuNow(admin, dbName, child.pid!);
      started = performance.now();
      const done = await call<Report>('POST', '/imports/products', { ...body, dry_run: false }, token);
      const importS = seconds(started);
      const cpuAfter = await cpuNow(admin, dbName, child.pid!);
      if (!done.imported || done.created !== ROWS) throw new Error(`${name} import: ${JSON.stringify(done).slice(0, 300)}`);
      const met = importS < TARGET_SECONDS && dryS < TARGET_SECONDS;
      if (!met) failed = true;
      console.log(
        `import: ${name.padEnd(15)} dry run ${dryS.toFixed(2)} s, import ${importS.toFixed(2)} s ` +
          `(${Math.round(ROWS / importS).toLocaleString('en-IN')} rows/s; CPU: API ${(cpuAfter.api - cpuBefore.api).toFixed(2)} s, ` +
          `PostgreSQL ${(cpuAfter.sql - cpuBefore.sql).toFixed(2)} s); target under ${TARGET_SECONDS} s each: ${met ? 'met' : 'MISSED'}`,
      );
      const listed = await call<{ items: unknown[] }>('GET', '/products?limit=1', undefined, token);
      if (listed.items.length !== 1) throw new Error(`no products after the ${name} import`);
    }
    await admin?.end();
  } finally {
    await server.stop();
    await cleanUp();
  }
  if (failed) process.exitCode = 1;
}

await main();
