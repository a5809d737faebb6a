/**
 * The API against the database's own limit for posting sales vouchers (issue 7, part 4).
 * Usage (from the repository root):
 *   npm run bench -- voucher-limit [--vouchers 2000] [--clients 32] [--orgs 20] [--lines 5] [--pool 10]
 *                                  [--rounds 2] [--warmup 1000] [--log-level info] [--prepared] [--rows 1000000] [--list-requests 200]
 *
 * 1. Captures the SQL the API sends for one sales voucher (every `query` call on its pg clients,
 *    text and parameters, with the API built in this process and called through Fastify's inject).
 * 2. Direct: replays that exact sequence through the `pg` driver (pool of --pool, no HTTP, no
 *    framework) at --clients concurrent clients over --orgs organisations, with fresh ids, the
 *    number the counter hands out, and the stock ledger sequence and balances the locked rows give.
 * 3. API: the same workload over HTTP against the API in its own process (pool of --pool,
 *    NODE_ENV=production, log level --log-level, default `info`, production's default), sampling its RSS.
 * Rounds alternate direct and API. Then the million-voucher list latency of `bench/vouchers.ts`.
 * Creates and drops a throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dec, financialYearOf, formatVoucherNumber } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { createPgHandle, queryRows } from '../apps/api/src/db/client';
import { migrateDatabase } from '../apps/api/src/db/migrate';
import { createDeps } from '../apps/api/src/deps';
import { categoryLoggers, createLogger } from '../apps/api/src/lib/logger';
import { withApiNodeOptions } from '../scripts/lib/api-runtime.mjs';
import { firstMessage } from './support/child-ready';
import { createThrowawayDatabase } from './support/throwaway-db';
import { measureLists, pick, seedOrg, summary, voucherBody, type OrgFixture } from './vouchers';

const { values: args } = parseArgs({
  options: {
    vouchers: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '32' },
    orgs: { type: 'string', default: '20' },
    lines: { type: 'string', default: '5' },
    pool: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1000' },
    'log-level': { type: 'string', default: 'info' },
    prepared: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    'list-requests': { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const VOUCHERS = Number(args.vouchers);
const CLIENTS = Number(args.clients);
const ORGS = Number(args.orgs);
const LINES = Number(args.lines);
const POOL = Number(args.pool);
const ROUNDS = Number(args.rounds);
/** Vouchers posted before measuring, by each of direct and API: JIT-compiled hot paths, warm caches and prepared statements, as in a server that has been up a while. */
const WARMUP = Number(args.warmup);
const ROWS = Number(args.rows);
const SECRET_KEY = randomBytes(32).toString('hex');
const VOUCHER_DATE = '2025-09-15';
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/* Distinctive values the captured voucher is given, so they can be recognised among its parameters. */
const CAPTURE_SEQ = 7_654_321;
const CAPTURE_LEDGER_BASE = 8_100_000;
const CAPTURE_QTY_BASE = 900_000_000;

interface Captured {
  text: string;
  /** The prepared statement's name, when the API sent one (the replay uses it too). */
  name?: string;
  values: unknown[];
  rowMode?: string;
  types?: unknown;
  /** Sent while the statement before it on the connection was still unanswered (pipelined behind it). */
  pipelined?: boolean;
}

interface Capture {
  statements: Captured[];
  org: OrgFixture;
  userId: string;
  sessionId: string;
  partyId: string;
  /** Product ids of the captured voucher, sorted (the order the stock rows are locked in). */
  products: string[];
  voucherNumber: string;
}

function sessionIdOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sid: string; sub: string };
  return payload.sid;
}

function oneLine(text: string, max = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Statements in one round trip (BEGIN and the tenant settings travel together as a simple query). */
function statementsIn(text: string): number {
  return text.split(';').filter((s) => s.trim().length > 0).length;
}

/** Records every query the API's pg clients send while it posts one voucher for `org`. */
async function captureVoucherSql(url: string, org: OrgFixture): Promise<Capture> {
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url, poolSize: 2, poolTimeoutMs: 30_000, statementTimeoutMs: 0 }, loggers.database);
  let recording: Captured[] | undefined;
  handle.pool.on('connect', (client: pg.PoolClient) => {
    const original = client.query.bind(client) as (...a: unknown[]) => unknown;
    let unanswered = 0;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      if (recording) {
        const [first, second] = a;
        const pipelined = unanswered > 0;
        if (typeof first === 'string')
          recording.push({ text: first, values: Array.isArray(second) ? [...(second as unknown[])] : [], pipelined });
        else {
          const config = first as { text: string; name?: string; values?: unknown[]; rowMode?: string; types?: unknown };
          const values = Array.isArray(second) ? (second as unknown[]) : (config.values ?? []);
          recording.push({
            text: config.text,
            name: config.name,
            values: [...values],
            rowMode: config.rowMode,
            types: config.types,
            pipelined,
          });
        }
      }
      const result = original(...a);
      if (result instanceof Promise) {
        unanswered++;
        const settle = () => void unanswered--;
        result.then(settle, settle);
      }
      return result;
    };
  });
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, SECRET_KEY, LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
  const deps = createDeps({ config, loggers, handle, secretKey: SECRET_KEY });
  const app = await buildApp(deps);
  const post = async (body: ReturnType<typeof voucherBody>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/vouchers/sales',
      headers: { authorization: `Bearer ${org.tenant.user.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    if (res.statusCode !== 201) throw new Error(`capture: the API answered ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as { voucher_number: string; id: string };
  };
  try {
    await post({ ...voucherBody(org, LINES), date: VOUCHER_DATE }); // warm: the counter row exists, plans are cached
    const orgId = org.tenant.org.id;
    const fy = financialYearOf(VOUCHER_DATE).code;
    await handle.db.execute(
      sql`UPDATE voucher_series SET next_number = ${CAPTURE_SEQ} WHERE organization_id = ${orgId} AND voucher_type = 'sales' AND fiscal_year = ${fy}`,
    );
    await handle.db.execute(sql`
      UPDATE stock_balances s SET ledger_seq = ${CAPTURE_LEDGER_BASE} + 10 * r.rank, quantity = ${CAPTURE_QTY_BASE} + 1000 * r.rank
        FROM (SELECT product_id, row_number() OVER (ORDER BY product_id) AS rank FROM stock_balances WHERE organization_id = ${orgId}) r
       WHERE s.organization_id = ${orgId} AND s.product_id = r.product_id`);
    const body = { ...voucherBody(org, LINES), date: VOUCHER_DATE };
    recording = [];
    const posted = await post(body);
    const statements = recording;
    recording = undefined;
    return {
      statements,
      org,
      userId: org.tenant.user.id,
      sessionId: sessionIdOf(org.tenant.user.token),
      partyId: body.customer_id,
      products: [...new Set(body.items.map((i) => i.product_id))].sort(),
      voucherNumber: posted.voucher_number,
    };
  } finally {
    await app.close();
    await handle.close();
  }
}

type Row = Record<string, unknown>;

function rowsOf(result: pg.QueryResult): Row[] {
  if (result.rows.length === 0 || !Array.isArray(result.rows[0])) return result.rows as Row[];
  return (result.rows as unknown[][]).map((r) => Object.fromEntries(result.fields.map((f, i) => [f.name, r[i]])));
}

/**
 * Replays the captured statements for a voucher of `org`: the same texts in the same order on
 * one pooled connection per transaction (statements before BEGIN, the session check, on the pool
 * like the API's), with the captured organisation's, user's, session's, party's and products' ids
 * swapped for this voucher's, fresh ids for the rows it creates, and the values that depend on
 * earlier answers (the number, each stock row's ledger sequence and balance) taken from those answers.
 */
function makeReplayer(capture: Capture, prepared: boolean) {
  const begin = capture.statements.findIndex((s) => /^\s*BEGIN/i.test(s.text));
  const commit = capture.statements.findIndex((s) => /^\s*COMMIT/i.test(s.text));
  if (begin < 0 || commit < begin) throw new Error('capture has no BEGIN … COMMIT');
  // Named as the API named them; --prepared also names those it sent unnamed.
  const names = capture.statements.map(
    (s, i) => s.name ?? (prepared && statementsIn(s.text) === 1 && s.values.length > 0 ? `bench_${i}` : undefined),
  );
  const capturedOrg = capture.org.tenant.org.id;
  const capturedSeqPrefix = capture.voucherNumber;
  // Per captured product (sorted): its ledger sequence and the balances after its movement, as sent.
  const ranked = [...capture.org.products].sort();
  const stockParams = capture.products.map((p) => {
    const rank = ranked.indexOf(p) + 1;
    const capturedQty = CAPTURE_QTY_BASE + 1000 * rank;
    const balances = capture.statements
      .flatMap((st) => st.values)
      .filter((v): v is string => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && Math.abs(Number(v) - capturedQty) <= 500)
      .map((value) => ({ value, places: value.includes('.') ? value.length - value.indexOf('.') - 1 : 0 }));
    return { ledger: CAPTURE_LEDGER_BASE + 10 * rank + 1, capturedQty, balances };
  });

  return async function replay(pool: pg.Pool, org: OrgFixture): Promise<void> {
    const products = [...org.products]
      .sort(() => Math.random() - 0.5)
      .slice(0, capture.products.length)
      .sort();
    const ids = new Map<string, string>([
      [capturedOrg, org.tenant.org.id],
      [capture.userId, org.tenant.user.id],
      [capture.sessionId, sessionIdOf(org.tenant.user.token)],
      [capture.partyId, pick(org.customers)],
      ...capture.products.map((p, i) => [p, products[i]!] as [string, string]),
    ]);
    const exact = new Map<string, unknown>();
    let voucherNumber = capturedSeqPrefix;
    const uuid = (u: string) => {
      let mapped = ids.get(u);
      if (!mapped) ids.set(u, (mapped = randomUUID()));
      return mapped;
    };
    const swap = (v: unknown): unknown => {
      if (typeof v === 'string') {
        const hit = exact.get(`s:${v}`);
        if (hit !== undefined) return hit;
        return v.replace(UUID_RE, uuid).replaceAll(capturedSeqPrefix, voucherNumber);
      }
      if (typeof v === 'number') {
        const hit = exact.get(`n:${v}`);
        return hit === undefined ? v : hit;
      }
      return v;
    };
    const send = (client: pg.Pool | pg.PoolClient, i: number) => {
      const s = capture.statements[i]!;
      const text = s.text.replace(UUID_RE, uuid);
      const values = s.values.map(swap);
      return client.query({ text, values, rowMode: s.rowMode, types: s.types, name: names[i] } as pg.QueryConfig);
    };
    const learn = (i: number, result: pg.QueryResult) => {
      const text = capture.statements[i]!.text;
      if (/voucher_series/.test(text) && /returning/i.test(text)) {
        const seq = Number(Object.values(rowsOf(result)[0]!)[0]);
        voucherNumber = formatVoucherNumber('SV', financialYearOf(VOUCHER_DATE).code, seq);
        exact.set(`n:${CAPTURE_SEQ}`, seq);
        exact.set(`s:${CAPTURE_SEQ}`, String(seq));
      } else if (/FOR UPDATE OF s/.test(text)) {
        const locked = new Map(rowsOf(result).map((r) => [r.product_id as string, r]));
        stockParams.forEach(({ ledger, capturedQty, balances }, k) => {
          const row = locked.get(products[k]!)!;
          const next = Number(row.ledger_seq) + 1;
          exact.set(`n:${ledger}`, next);
          exact.set(`s:${ledger}`, String(next));
          for (const { value, places } of balances) {
            exact.set(
              `s:${value}`,
              dec(String(row.quantity))
                .plus(dec(value).minus(String(capturedQty)))
                .toFixed(places),
            );
          }
        });
      }
    };
    // Statements the API pipelined go out together here too, then their answers are learnt from in order.
    const run = async (client: pg.Pool | pg.PoolClient, from: number, to: number) => {
      for (let i = from; i <= to;) {
        let last = i;
        while (last < to && capture.statements[last + 1]!.pipelined) last++;
        const group: number[] = [];
        for (let k = i; k <= last; k++) group.push(k);
        const results = await Promise.all(group.map((k) => send(client, k)));
        results.forEach((result, n) => learn(group[n]!, result));
        i = last + 1;
      }
    };
    if (begin > 0) await run(pool, 0, begin - 1);
    const client = await pool.connect();
    try {
      await run(client, begin, commit);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    if (commit + 1 < capture.statements.length) await run(pool, commit + 1, capture.statements.length - 1);
  };
}

/** A warm-up that failed would warm nothing (and a failing path is cheaper): said, not hidden. */
function warmedUp(mode: string, r: LoadResult): void {
  if (r.failures.length > 0) console.log(`  ${mode} warm-up: ${r.failures.length} of ${WARMUP} failed, e.g. ${r.failures[0]}`);
}

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  failures: string[];
}

async function runLoad(total: number, clients: number, one: () => Promise<void>): Promise<LoadResult> {
  let issued = 0;
  const latencies: number[] = [];
  const failures: string[] = [];
  const worker = async () => {
    while (issued < total) {
      issued++;
      const started = performance.now();
      try {
        await one();
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, failures, ...summary(latencies) };
}

/**
 * One keep-alive connection per client, through node:http: the load generator shares the two
 * cores with what it measures, and `fetch` cost about twice its CPU per request.
 */
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function httpPost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: httpAgent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function postOverHttp(base: string, org: OrgFixture): Promise<void> {
  const res = await httpPost(
    `${base}/api/v1/vouchers/sales`,
    { authorization: `Bearer ${org.tenant.user.token}`, 'content-type': 'application/json' },
    JSON.stringify({ ...voucherBody(org, LINES), date: VOUCHER_DATE }),
  );
  if (res.status !== 201) throw new Error(`${res.status} ${res.text.slice(0, 200)}`);
}

const TICK_MS = 10; // /proc/<pid>/stat counts CPU time in clock ticks of 1/100 s (getconf CLK_TCK)

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/** CPU time a process has used so far in user space and in the kernel (system calls: socket writes and reads), in ms. */
function cpuSplitMs(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/**
 * CPU used by the PostgreSQL backends of connections named `appName` between `start()` and the
 * function it returns: what the database spent, whatever share of the cores it was given.
 */
async function backendCpu(db: Parameters<typeof queryRows>[0], appName: string) {
  const pids = async () =>
    (
      await queryRows<{ pid: number }>(
        db,
        sql`SELECT pid FROM pg_stat_activity WHERE application_name = ${appName} AND datname = current_database()`,
      )
    ).map((r) => r.pid);
  const before = new Map((await pids()).map((pid) => [pid, cpuMs(pid)]));
  return async () => {
    let used = 0;
    for (const pid of new Set([...before.keys(), ...(await pids())])) used += cpuMs(pid) - (before.get(pid) ?? 0);
    return used;
  };
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

async function startApi(url: string, logFile: string): Promise<{ base: string; child: ChildProcess }> {
  const out = openSync(logFile, 'a');
  const child = fork(fileURLToPath(new URL('./support/api-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    // As `npm start` runs it (scripts/lib/api-runtime.mjs).
    env: {
      ...withApiNodeOptions(process.env),
      // BENCH_PROFILE=<dir>: a CPU profile of each measured API run (not start-up or warm-up), see runApiOnce.
      ...(process.env.BENCH_PROFILE ? { BENCH_PROFILE_DIR: path.resolve(process.env.BENCH_PROFILE) } : {}),
      DATABASE_URL: url,
      SECRET_KEY,
      DB_POOL_SIZE: String(POOL),
      DB_POOL_TIMEOUT_MS: '30000',
      BENCH_LOG_LEVEL: args['log-level'],
    },
    stdio: ['ignore', out, out, 'ipc'],
  });
  closeSync(out);
  const message = await firstMessage<{ port: number }>(child, 'the API server');
  return { base: `http://127.0.0.1:${message.port}`, child };
}

/** Sends the API process a message and waits for its answer (the next message it sends). */
async function askApi<T = unknown>(child: ChildProcess, message: object): Promise<T> {
  // The answer, or an error if the API dies first (a run would otherwise wait for it forever).
  const answer = firstMessage<T>(child, 'the API server');
  child.send(message);
  return answer;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const f1 = (n: number) => n.toFixed(1);

async function main() {
  const db = await createThrowawayDatabase();
  const loggers = categoryLoggers(createLogger({ level: 'silent', pretty: false }));
  const handle = createPgHandle({ url: db.url, poolSize: 4, poolTimeoutMs: 30_000, statementTimeoutMs: 0 }, loggers.database);
  const direct = new pg.Pool({ connectionString: db.url, max: POOL, application_name: 'bench-direct', pipeline: true });
  direct.on('error', (err) => console.error(`direct pool: ${err.message}`));
  const logFile = path.join(tmpdir(), `voucher-limit-api-${process.pid}.log`);
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(handle, loggers.database);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, SECRET_KEY, LOG_LEVEL: 'silent' });
    const deps = createDeps({ config, loggers, handle, secretKey: SECRET_KEY });
    const orgs: OrgFixture[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await seedOrg(deps, handle, i));
    const captureOrg = await seedOrg(deps, handle, ORGS);

    const capture = await captureVoucherSql(db.url, captureOrg);
    const roundTrips = capture.statements.filter((s) => !s.pipelined).length;
    const statements = capture.statements.reduce((n, s) => n + statementsIn(s.text), 0);
    console.log(
      `PostgreSQL ${(await queryRows<{ v: string }>(handle.db, sql`SELECT current_setting('server_version') AS v`))[0]!.v}, ${CLIENTS} clients, pool ${POOL}, ${LINES} lines per voucher, ${ORGS} organisations, ${VOUCHERS} vouchers a run`,
    );
    console.log(`\nSQL the API sends for one ${LINES}-line sales voucher: ${roundTrips} round trips, ${statements} statements`);
    capture.statements.forEach((s, i) =>
      console.log(
        `  ${String(i + 1).padStart(2)}. [${String(s.values.length).padStart(3)} params${s.name ? ', prepared' : ''}${s.pipelined ? ', pipelined' : ''}] ${oneLine(s.text)}`,
      ),
    );

    const replay = makeReplayer(capture, args.prepared);
    /** CPU per voucher (ms) of the database backends, the process talking to them, and the load generator. */
    const measured = async <T extends LoadResult>(appName: string, appPid: number | undefined, fn: () => Promise<T>) => {
      const db = await backendCpu(handle.db, appName);
      const app0 = appPid ? cpuSplitMs(appPid) : { user: 0, system: 0 };
      const own0 = process.cpuUsage();
      const r = await fn();
      const own = process.cpuUsage(own0);
      const app1 = appPid ? cpuSplitMs(appPid) : app0;
      const cpu = {
        db: (await db()) / VOUCHERS,
        app: (app1.user + app1.system - app0.user - app0.system) / VOUCHERS,
        appSystem: (app1.system - app0.system) / VOUCHERS,
        gen: (own.user + own.system) / 1000 / VOUCHERS,
      };
      return { ...r, cpu };
    };
    const runDirect = () => measured('bench-direct', undefined, () => runLoad(VOUCHERS, CLIENTS, () => replay(direct, pick(orgs))));
    warmedUp('direct', await runLoad(WARMUP, CLIENTS, () => replay(direct, pick(orgs))));

    const started = await startApi(db.url, logFile);
    server = started.child;
    const pid = server.pid!;
    const runApi = () => measured('tritiq-api', pid, runApiOnce);
    const runApiOnce = async () => {
      const samples: number[] = [];
      const timer = setInterval(() => samples.push(rssKb(pid)), 100);
      const profiled = process.env.BENCH_PROFILE ? `api-${CLIENTS}-clients-${++apiRuns}` : undefined;
      if (profiled) await askApi(server!, { profile: 'start' });
      try {
        const r = await runLoad(VOUCHERS, CLIENTS, () => postOverHttp(started.base, pick(orgs)));
        return { ...r, rssPeakMb: Math.max(...samples) / 1024, rssMeanMb: samples.reduce((a, b) => a + b, 0) / samples.length / 1024 };
      } finally {
        clearInterval(timer);
        if (profiled) {
          const { profiled: file } = await askApi<{ profiled: string }>(server!, { profile: 'stop', name: profiled });
          console.log(`CPU profile of the API's measured run: ${file} (npx tsx bench/support/cpuprofile-top.ts ${file})`);
        }
      }
    };
    let apiRuns = 0;
    warmedUp('api', await runLoad(WARMUP, CLIENTS, () => postOverHttp(started.base, pick(orgs))));

    type Rec = {
      mode: string;
      round: number;
      perSecond: number;
      p50: number;
      p99: number;
      failures: number;
      rss?: string;
      load: string;
      cpu: { db: number; app: number; appSystem: number; gen: number };
    };
    const results: Rec[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (args.only !== 'api') {
        const d = await runDirect();
        results.push({
          mode: 'direct',
          round,
          perSecond: d.perSecond,
          p50: d.p50,
          p99: d.p99,
          failures: d.failures.length,
          load: load(),
          cpu: d.cpu,
        });
        if (d.failures.length) console.log(`  direct failure: ${d.failures[0]}`);
      }
      if (args.only !== 'direct') {
        const a = await runApi();
        results.push({
          mode: 'api',
          round,
          perSecond: a.perSecond,
          p50: a.p50,
          p99: a.p99,
          failures: a.failures.length,
          load: load(),
          cpu: a.cpu,
          rss: `${f1(a.rssPeakMb)} / ${f1(a.rssMeanMb)}`,
        });
        if (a.failures.length) console.log(`  api failure: ${a.failures[0]}`);
      }
    }

    console.log(
      `\nVouchers posted at ${CLIENTS} concurrent clients over ${ORGS} organisations (direct = the captured SQL replayed through pg${args.prepared ? ' as named prepared statements' : ''}; api = HTTP, log level ${args['log-level']})`,
    );
    console.log(
      'CPU ms per voucher: db = the PostgreSQL backends serving it; app = the API process (direct: none, the driver runs in the load generator); gen = the load generator (HTTP clients, or the replaying pg driver).',
    );
    console.log(
      'Projected = 2 cores / (db + app + gen): the rate these costs allow on two otherwise idle cores; measured vouchers/s depends on the share of the cores the run got.',
    );
    console.log(
      '| run | mode | vouchers/s | p50 ms | p99 ms | failures | API RSS peak / mean MB | CPU ms/voucher db / app / gen | of app: in the kernel | projected vouchers/s | load avg 1/5/15 |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      const c = r.cpu;
      console.log(
        `| ${r.round} | ${r.mode} | ${r.perSecond.toFixed(0)} | ${f1(r.p50)} | ${f1(r.p99)} | ${r.failures} | ${r.rss ?? '–'} | ${f1(c.db)} / ${f1(c.app)} / ${f1(c.gen)} | ${r.mode === 'api' ? f1(c.appSystem) : '–'} | ${(2000 / (c.db + c.app + c.gen)).toFixed(0)} | ${r.load} |`,
      );
    }
    const mean = (mode: string) => {
      const rs = results.filter((r) => r.mode === mode);
      return rs.length ? rs.reduce((a, r) => a + r.perSecond, 0) / rs.length : Number.NaN;
    };
    const ratio = mean('api') / mean('direct');
    const projected = (mode: string) => {
      const rs = results.filter((r) => r.mode === mode);
      return rs.reduce((a, r) => a + 2000 / (r.cpu.db + r.cpu.app + r.cpu.gen), 0) / rs.length;
    };
    console.log(
      `\nMean over ${ROUNDS} rounds: direct ${mean('direct').toFixed(0)} vouchers/s, API ${mean('api').toFixed(0)} vouchers/s, ratio API/direct ${(100 * ratio).toFixed(0)} %`,
    );
    console.log(
      `Projected from CPU per voucher: direct ${projected('direct').toFixed(0)}, API ${projected('api').toFixed(0)} vouchers/s, ratio ${((100 * projected('api')) / projected('direct')).toFixed(0)} %`,
    );

    // Every number handed out exactly once per organisation and year, whichever path posted it.
    const [gaps] = await queryRows<{ series: number; broken: number; vouchers: number }>(
      handle.db,
      sql`
      SELECT count(*)::int AS series, count(*) FILTER (WHERE n <> max_seq - min_seq + 1)::int AS broken, sum(n)::int AS vouchers
        FROM (SELECT organization_id, fiscal_year, count(*) AS n, min(seq) AS min_seq, max(seq) AS max_seq
                FROM vouchers WHERE organization_id <> ${captureOrg.tenant.org.id} GROUP BY 1, 2) s`,
    );
    console.log(`Numbering: ${gaps!.vouchers} vouchers in ${gaps!.series} series, ${gaps!.broken} with a gap or duplicate`);

    if (ROWS > 0) await measureLists(deps, handle, started.base, ROWS, Number(args['list-requests']));
  } finally {
    httpAgent.destroy();
    if (server) {
      server.send('stop');
      await once(server, 'exit');
    }
    await direct.end();
    await handle.close();
    await db.drop();
  }
}

await main();
