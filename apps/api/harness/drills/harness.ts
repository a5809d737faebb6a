import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from '../../src/test/smtp';
import { ApiNode, apiEnv, newSecretKey, setUpOrganisations, type DrillOrg } from './api';
import { check, databaseChecks, idempotencyChecks, integrityCli, type Check } from './checks';
import { Load, summarise, type LoadOptions, type LoadResult, type LoadSummary } from './load';
import { PgInstance } from '../../src/test/pg-instance';
import { createPgHandle } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { ensureLoginRoles, withLogin, type LoginRoles } from '../../src/db/roles';
import { createLogger } from '../../src/lib/logger';

/** The drills run the least-privilege setup (README "Database roles and row-level security"). */
const DRILL_LOGIN_ROLES: LoginRoles = {
  api: { name: 'tritiq_drill_api', password: 'tritiq-drill-api' },
  platform: { name: 'tritiq_drill_platform', password: 'tritiq-drill-platform' },
};

/** How long and how hard a drill runs: `full` for `npm run drill`, `short` for the Vitest project. */
export interface DrillOptions {
  short: boolean;
  clients: number;
  orgs: number;
  /** Seconds of load (the fault lands about a third of the way in). */
  loadSeconds: number;
  /** Where progress lines go. */
  print: (line: string) => void;
}

export function drillOptions(short: boolean, print: (line: string) => void, overrides: Partial<DrillOptions> = {}): DrillOptions {
  return short
    ? { short, clients: 8, orgs: 3, loadSeconds: 4, print, ...overrides }
    : { short, clients: 12, orgs: 4, loadSeconds: 30, print, ...overrides };
}

export interface DrillReport {
  name: string;
  title: string;
  /** What was done, in order, with the load's clock. */
  timeline: string[];
  summary: LoadSummary;
  /** Headline figures (error window, recovery, ...). */
  figures: Record<string, string>;
  checks: Check[];
  ok: boolean;
  seconds: number;
}

export interface Drill {
  name: string;
  title: string;
  run(options: DrillOptions): Promise<DrillReport>;
}

export interface DrillEnvOptions {
  apis?: number;
  /** `up`: a loopback SMTP sink from the start; `down`: SMTP points at a port nothing listens on (start it with startSmtp); `none`: no SMTP configured. */
  smtp: 'up' | 'down' | 'none';
  /** With `up`: the sink holds each message `ms` after its final dot before answering 250 (a slow server; read per message, so a drill can change it). */
  smtpDelay?: { ms: number };
  apiEnv?: Record<string, string>;
  /** Per-API overrides, by index. */
  perApiEnv?: Record<string, string>[];
}

/** Environments still open, closed on the way out even if the drill process dies (see closeAllNow). */
const live = new Set<DrillEnv>();

/** Kills every API child and stops every private PostgreSQL still running, synchronously (for exit handlers). */
export function closeAllNow(): void {
  for (const env of live) env.closeNow();
}

export class DrillEnv {
  readonly timeline: string[] = [];
  apis: ApiNode[] = [];
  orgs: DrillOrg[] = [];
  smtp: TestSmtpServer | undefined;
  smtpPort = 0;
  url = '';
  private started = Date.now();
  private readonly dataDir: string;
  load: Load | undefined;
  private loadStarted = 0;

  constructor(
    readonly pg: PgInstance,
    private readonly options: DrillOptions,
  ) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'tritiq-drill-data-'));
  }

  static async open(options: DrillOptions, envOptions: DrillEnvOptions): Promise<DrillEnv> {
    const instance = new PgInstance(await closedPort());
    const env = new DrillEnv(instance, options);
    live.add(env);
    try {
      await env.setUp(envOptions);
    } catch (err) {
      await env.close();
      throw err;
    }
    return env;
  }

  /** A line of the drill's account, stamped with the load's clock once the load runs. */
  note(line: string): void {
    const at = this.loadStarted
      ? `t=${((Date.now() - this.loadStarted) / 1000).toFixed(1)}s`
      : `setup ${((Date.now() - this.started) / 1000).toFixed(1)}s`;
    const text = `[${at}] ${line}`;
    this.timeline.push(text);
    this.options.print(`  ${text}`);
  }

  private async setUp(o: DrillEnvOptions): Promise<void> {
    this.pg.init();
    this.url = await this.pg.createDatabase('tritiq_drill');
    this.note(`private PostgreSQL on port ${this.pg.port} (data ${this.pg.dataDir}), database tritiq_drill`);
    // As `npm run db:roles` does: migrate as the owner, then the two logins the APIs use.
    const owner = createPgHandle(
      { url: this.url, poolSize: 1, poolTimeoutMs: 10_000, statementTimeoutMs: 0 },
      createLogger({ level: 'silent', pretty: false }),
    );
    try {
      await migrateDatabase(owner, createLogger({ level: 'silent', pretty: false }));
    } finally {
      await owner.close();
    }
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    try {
      await ensureLoginRoles(admin, DRILL_LOGIN_ROLES);
    } finally {
      await admin.end();
    }
    const databaseEnv = {
      DATABASE_PLATFORM_URL: withLogin(this.url, DRILL_LOGIN_ROLES.platform),
      DATABASE_MIGRATION_URL: this.url,
    };
    this.note(
      `APIs log in as ${DRILL_LOGIN_ROLES.api.name} (owns nothing) and ${DRILL_LOGIN_ROLES.platform.name} (platform); migrations as the owner`,
    );
    let smtpEnv: Record<string, string> = {};
    if (o.smtp === 'up') {
      const delay = o.smtpDelay;
      this.smtp = await startTestSmtpServer(
        delay ? { onData: () => (delay.ms > 0 ? sleep(delay.ms).then(() => undefined) : undefined) } : {},
      );
      this.smtpPort = this.smtp.port;
      smtpEnv = this.smtp.env();
      this.note(`SMTP sink listening on 127.0.0.1:${this.smtpPort}${delay ? `, answering each message after ${delay.ms} ms for now` : ''}`);
    } else if (o.smtp === 'down') {
      this.smtpPort = await closedPort();
      smtpEnv = {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(this.smtpPort),
        EMAILS_FROM_EMAIL: 'erp@tritiq.test',
        EMAILS_FROM_NAME: 'TRITIQ Drill',
      };
      this.note(`SMTP points at 127.0.0.1:${this.smtpPort}, where nothing listens`);
    }
    const secret = newSecretKey();
    const count = o.apis ?? 1;
    for (let i = 0; i < count; i++) {
      const env = apiEnv(withLogin(this.url, DRILL_LOGIN_ROLES.api), path.join(this.dataDir, `api-${i + 1}`), secret, {
        ...databaseEnv,
        ...smtpEnv,
        ...o.apiEnv,
        ...o.perApiEnv?.[i],
      });
      const api = await ApiNode.create(`api-${i + 1}`, env);
      // One at a time: the first applies the migrations.
      await api.start();
      this.apis.push(api);
      this.note(`API ${api.name} (pid ${api.pid}) listening at ${api.base}`);
    }
    this.orgs = await setUpOrganisations(this.apis[0]!.base, this.options.orgs);
    this.note(
      `${this.orgs.length} organisations set up through the API (org admin, company profile with state 27, customers, products, an opening purchase)`,
    );
  }

  async startSmtp(): Promise<TestSmtpServer> {
    this.smtp = await startTestSmtpServer({ port: this.smtpPort });
    return this.smtp;
  }

  startLoad(extra: Partial<LoadOptions> & { sendEmail: boolean }): Load {
    this.load = new Load({
      targets: () => this.apis.map((a) => a.base),
      orgs: this.orgs,
      clients: this.options.clients,
      clientTimeoutMs: 30_000,
      ...extra,
    });
    this.load.start();
    this.loadStarted = Date.now();
    this.note(
      `load started: ${this.options.clients} clients over ${this.orgs.length} organisations creating sales vouchers${extra.sendEmail ? ' with send_email' : ''}, each with an Idempotency-Key`,
    );
    return this.load;
  }

  /** Stops the running load (each client finishes its current creation) and sums it up. */
  async stopLoad(note = 'stopping the load'): Promise<{ result: LoadResult; summary: LoadSummary }> {
    if (!this.load) throw new Error('stopLoad: no load is running');
    this.note(note);
    const result = await this.load.stop();
    this.load = undefined;
    return { result, summary: summarise(result) };
  }

  /** Runs a superuser statement on the drill database. */
  async sql(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  /** The checks every drill makes of its load and its end state. */
  async commonChecks(result: LoadResult, summary: LoadSummary): Promise<Check[]> {
    const internal = this.apis.flatMap((a) => a.internalErrors());
    const checks: Check[] = [
      check(
        'no 500',
        summary.counts['5xx'] === 0 && internal.length === 0,
        `${summary.counts['5xx']} answers 5xx other than 503${internal.length ? `; API logged: ${internal[0]}` : ''}`,
      ),
      check(
        'every 503 carries Retry-After',
        summary.missingRetryAfter === 0,
        `${summary.counts['503']} answers 503, ${summary.missingRetryAfter} without Retry-After${summary.retryAfterValues.length ? ` (Retry-After: ${summary.retryAfterValues.join(', ')})` : ''}`,
      ),
      check('no unexpected 4xx', summary.counts['4xx'] === 0, `${summary.counts['4xx']} answers 4xx`),
      check(
        'no request hangs',
        summary.counts.hang === 0,
        `${summary.counts.hang} requests without an answer within the client's 30 s; slowest answer ${(summary.slowestMs / 1000).toFixed(2)} s`,
      ),
      check(
        'every creation eventually succeeded',
        result.abandoned.length === 0,
        result.abandoned.length
          ? result.abandoned
              .slice(0, 3)
              .map((a) => a.reason)
              .join('; ')
          : `${result.acks.length} creations, none given up`,
      ),
    ];
    checks.push(...(await databaseChecks(this.url)));
    checks.push(...(await idempotencyChecks(this.url, this.apis[0]!.base, this.orgs, result)));
    return checks;
  }

  report(name: string, title: string, summary: LoadSummary, figures: Record<string, string>, checks: Check[]): DrillReport {
    checks.push(integrityCli(this.url));
    if (!checks.every((c) => c.ok)) {
      // Keep the API processes' logs of a failed drill for the post-mortem.
      const dir = mkdtempSync(path.join(tmpdir(), `tritiq-drill-logs-${name}-`));
      for (const api of this.apis) writeFileSync(path.join(dir, `${api.name}.log`), api.output());
      figures['API logs'] = dir;
    }
    return {
      name,
      title,
      timeline: this.timeline,
      summary,
      figures,
      checks,
      ok: checks.every((c) => c.ok),
      seconds: (Date.now() - this.started) / 1000,
    };
  }

  /** Synchronous last resort: SIGKILL to the API children, stop PostgreSQL, remove the directories. */
  closeNow(): void {
    for (const api of this.apis) api.killNow();
    try {
      this.pg.destroy();
    } catch {
      // already stopped
    }
    rmSync(this.dataDir, { recursive: true, force: true });
    live.delete(this);
  }

  async close(): Promise<void> {
    live.delete(this);
    await Promise.all(this.apis.map((a) => a.kill().catch(() => undefined)));
    await this.smtp?.close().catch(() => undefined);
    try {
      this.pg.destroy();
    } catch {
      // a data directory that never started
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
