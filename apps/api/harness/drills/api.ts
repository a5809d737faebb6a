import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type ServerProcess } from '../../src/test/server-process';
import { closedPort } from '../../src/test/smtp';
import { VOUCHER_DATE } from './load';

/** The real API (`src/server.ts`, what `npm start` runs) as a child process on a fixed port, so it can be killed and started again. */
export class ApiNode {
  private proc: ServerProcess | undefined;
  private pastOutput = '';
  readonly base: string;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  static async create(name: string, env: Record<string, string>): Promise<ApiNode> {
    return new ApiNode(name, await closedPort(), env);
  }

  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  running(): boolean {
    return !!this.proc && this.proc.child.exitCode === null && this.proc.child.signalCode === null;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    if (this.proc) this.pastOutput += this.proc.output();
    const proc = startServer({ ...this.env, PORT: String(this.port) });
    this.proc = proc;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        proc.ready,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`API ${this.name} not ready within ${timeoutMs} ms:\n${proc.output().slice(-3000)}`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (err) {
      proc.child.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no shutdown code runs, in-flight requests and transactions are cut off. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running()) return;
    proc.child.kill('SIGKILL');
    await proc.exited;
  }

  /** For exit handlers: SIGKILL without waiting. */
  killNow(): void {
    if (this.running()) this.proc!.child.kill('SIGKILL');
  }

  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running()) return;
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
    await proc.exited;
    clearTimeout(timer);
  }

  output(): string {
    return this.pastOutput + (this.proc?.output() ?? '');
  }

  /** Log lines of requests the API itself answered with a 5xx other than 503 (its error handler logs each). */
  internalErrors(): string[] {
    return this.output()
      .split('\n')
      .filter((line) => /"msg":"Request failed with 5(?!03)\d\d"/.test(line) || /Unhandled|uncaught/i.test(line))
      .map((line) => line.slice(0, 600));
  }
}

export const SUPER_ADMIN = { email: 'drill-admin@example.test', password: 'Drill-Admin-Passw0rd!' };

/** Environment every drill's API processes get; each drill adds its own knobs. */
export function apiEnv(
  databaseUrl: string,
  dataDir: string,
  secretKey: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SECRET_KEY: secretKey,
    LOG_LEVEL: 'info',
    SUPER_ADMIN_EMAIL: SUPER_ADMIN.email,
    SUPER_ADMIN_PASSWORD: SUPER_ADMIN.password,
    AUTH_RATE_LIMIT_MAX: '1000000',
    ACCESS_TOKEN_EXPIRE_MINUTES: '600',
    DB_POOL_SIZE: '10',
    SHUTDOWN_TIMEOUT_MS: '5000',
    EMAIL_SEND_ATTEMPTS: '1',
    EMAIL_WORKER_POLL_SECONDS: '0.5',
    EMAIL_OUTBOX_RETRY_SECONDS: '1',
    EMAIL_OUTBOX_ATTEMPTS: '12',
    ...extra,
  };
}

export function newSecretKey(): string {
  return randomBytes(32).toString('hex');
}

export interface DrillOrg {
  id: string;
  name: string;
  token: string;
  customerIds: string[];
  productIds: string[];
  /** Quantity each product got from the opening purchase. */
  openingQuantity: number;
}

type Json = Record<string, unknown>;

export async function call(
  base: string,
  method: string,
  url: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

async function must(base: string, method: string, url: string, token: string | undefined, body?: unknown): Promise<Json> {
  const res = await call(base, method, url, token, body);
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 500)}`);
  return res.json;
}

async function login(base: string, email: string, password: string): Promise<{ token: string; mustChange: boolean }> {
  const json = await must(base, 'POST', '/auth/login', undefined, { email, password });
  return { token: String(json.access_token), mustChange: json.must_change_password === true };
}

/**
 * Sets organisations up the way an operator would, through the API: the super admin creates each
 * licence (with its GST state code) and its org admin; the admin signs in with the temporary
 * password, changes it, creates customers (with email addresses), a vendor and products, and posts
 * a purchase that stocks every product up.
 */
export async function setUpOrganisations(
  base: string,
  count: number,
  options: { products?: number; customers?: number; opening?: number } = {},
): Promise<DrillOrg[]> {
  const productCount = options.products ?? 4;
  const customerCount = options.customers ?? 3;
  const opening = options.opening ?? 1_000_000;
  const superAdmin = await login(base, SUPER_ADMIN.email, SUPER_ADMIN.password);
  const orgs: DrillOrg[] = [];
  for (let i = 0; i < count; i++) {
    const tag = randomBytes(3).toString('hex');
    const created = await must(base, 'POST', '/organizations', superAdmin.token, {
      name: `Drill Traders ${i + 1} ${tag}`,
      admin_email: `drill-admin-${i + 1}-${tag}@example.test`,
      admin_full_name: `Drill Admin ${i + 1}`,
      state_code: '27',
      // The load dates its vouchers VOUCHER_DATE: the books must start by then.
      books_start_date: '2025-04-01',
    });
    const adminEmail = String((created.admin as Json).email);
    const first = await login(base, adminEmail, String(created.temporary_password));
    let token = first.token;
    if (first.mustChange) {
      const changed = await must(base, 'POST', '/auth/change-password', token, { new_password: `Drill-Org-${tag}-Passw0rd!` });
      token = String(changed.access_token);
    }
    await must(base, 'PATCH', '/organization/profile', token, { state_code: '27', state: 'Maharashtra' });
    const customerIds: string[] = [];
    for (let c = 0; c < customerCount; c++) {
      const customer = await must(base, 'POST', '/customers', token, {
        name: `Drill Customer ${c + 1} ${tag}`,
        state_code: c % 2 === 0 ? '27' : '29',
        email: `buyer-${c + 1}-${tag}@example.test`,
      });
      customerIds.push(String(customer.id));
    }
    const vendor = await must(base, 'POST', '/vendors', token, { name: `Drill Vendor ${tag}`, state_code: '27' });
    const productIds: string[] = [];
    for (let p = 0; p < productCount; p++) {
      const product = await must(base, 'POST', '/products', token, {
        name: `Drill Product ${p + 1} ${tag}`,
        unit: 'PCS',
        unit_price: `${100 + p * 25}.50`,
        gst_rate: ['5', '12', '18', '28'][p % 4],
      });
      productIds.push(String(product.id));
    }
    await must(base, 'POST', '/vouchers/purchase', token, {
      vendor_id: vendor.id,
      date: VOUCHER_DATE,
      items: productIds.map((id) => ({ product_id: id, quantity: String(opening), unit_price: '10.00' })),
    });
    orgs.push({
      id: String((created.organization as Json).id),
      name: String((created.organization as Json).name),
      token,
      customerIds,
      productIds,
      openingQuantity: opening,
    });
  }
  return orgs;
}

/** Polls GET /health/db until it answers 200. */
export async function waitHealthy(base: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`${base}/health/db`, { signal: AbortSignal.timeout(5_000) });
      await res.text();
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${base} not healthy within ${timeoutMs} ms`);
    await sleep(100);
  }
}
