/**
 * Login throughput: logins per second and latency percentiles at N concurrent clients against a
 * running API (its own process, as in production) on the PostgreSQL server. argon2id
 * verification is the cost being measured. Usage (from the repository root):
 *   npm run bench -- login [--clients 20] [--seconds 20] [--wrong 0]
 * It creates and drops a throwaway database on BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and sends traffic only to 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createThrowawayDatabase } from './support/throwaway-db';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    // Share of attempts (0-1) sent with a wrong password: they cost the same argon2 verification.
    wrong: { type: 'string', default: '0' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const WRONG = Number(args.wrong);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPER = { email: 'bench-root@example.test', password: `Bench-${randomBytes(6).toString('hex')}-Aa1!` };

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function api<T>(base: string, method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not start within 60 s');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const db = await createThrowawayDatabase();
  const dbName = new URL(db.url).pathname.slice(1);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/api/src/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      DB_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SUPER_ADMIN_EMAIL: SUPER.email,
      SUPER_ADMIN_PASSWORD: SUPER.password,
      AUTH_RATE_LIMIT_MAX: '1000000',
      INIT_CWD: ROOT,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(base, child);
    // One organisation with a user per client, so logins do not queue on one user's row.
    const root = await api<{ access_token: string }>(base, 'POST', '/auth/login', SUPER);
    const licence = await api<{ organization: { id: string }; temporary_password: string; admin: { email: string } }>(
      base,
      'POST',
      '/organizations',
      {
        name: `Bench Traders ${dbName}`,
        admin_email: `owner-${dbName}@example.test`,
        admin_full_name: 'Bench Owner',
        max_users: CLIENTS + 5,
      },
      root.access_token,
    );
    const first = await api<{ access_token: string }>(base, 'POST', '/auth/login', {
      email: licence.admin.email,
      password: licence.temporary_password,
    });
    const owner = await api<{ access_token: string }>(
      base,
      'POST',
      '/auth/change-password',
      { new_password: 'Bench-Owner-Pass-2025!' },
      first.access_token,
    );
    const accounts: { email: string; password: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const created = await api<{ user: { email: string }; temporary_password: string }>(
        base,
        'POST',
        '/users',
        { email: `clerk-${i}-${dbName}@example.test`, full_name: `Clerk ${i}`, role: 'standard_user' },
        owner.access_token,
      );
      accounts.push({ email: created.user.email, password: created.temporary_password });
    }

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const deadline = performance.now() + SECONDS * 1000;
    let attempt = 0;
    const started = performance.now();
    await Promise.all(
      accounts.map(async (account) => {
        while (performance.now() < deadline) {
          const wrong = WRONG > 0 && attempt++ % Math.round(1 / WRONG) === 0;
          const t0 = performance.now();
          const res = await fetch(`${base}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: account.email, password: wrong ? 'Not-The-Password-1!' : account.password }),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const ok = statuses.get(200) ?? 0;
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`login benchmark: ${CLIENTS} concurrent clients for ${SECONDS} s, PostgreSQL server, ${cpus().length} CPUs`);
    console.log(`  requests:     ${latencies.length} (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')})`);
    console.log(`  logins/s:     ${(ok / elapsed).toFixed(1)} successful (${(latencies.length / elapsed).toFixed(1)} attempts/s)`);
    console.log(
      `  latency:      p50 ${fmt(percentile(latencies, 50))}, p90 ${fmt(percentile(latencies, 90))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1) ?? NaN)}`,
    );
    if (ok === 0 || [...statuses.keys()].some((s) => s >= 500)) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => undefined);
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
