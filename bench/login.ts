/**
 * Login throughput: logins per second and latency percentiles at N concurrent clients against a
 * running API (its own process, as in production) on the PostgreSQL server. argon2id
 * verification is the cost being measured. Usage (from the repository root):
 *   npm run bench -- login [--clients 20] [--seconds 20] [--wrong 0]
 * It creates and drops a throwaway database on BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and sends traffic only to 127.0.0.1.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startServerEntry } from './support/server-entry';
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const db = await createThrowawayDatabase();
  const dbName = new URL(db.url).pathname.slice(1);
  const server = await startServerEntry(db.url, { env: { AUTH_RATE_LIMIT_MAX: '1000000' } }).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  const { base, call } = server;
  try {
    // One organisation with a user per client, so logins do not queue on one user's row.
    const owner = await server.newOrganization({
      name: `Bench Traders ${dbName}`,
      admin_email: `owner-${dbName}@example.test`,
      max_users: CLIENTS + 5,
    });
    const accounts: { email: string; password: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const created = await call<{ user: { email: string }; temporary_password: string }>(
        'POST',
        '/users',
        { email: `clerk-${i}-${dbName}@example.test`, full_name: `Clerk ${i}`, role: 'standard_user' },
        owner,
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
    await server.stop();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
