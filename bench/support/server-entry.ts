/**
 * The API's own entry point (`apps/api/src/server.ts`, what `npm start` runs) in a child process for
 * the benchmarks that measure it end to end as production runs it (login, import): a free loopback
 * port, a fresh secret key, a super admin to create organisations with, and a helper to call it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerEntry {
  base: string;
  child: ChildProcess;
  /** The super admin's access token. */
  rootToken: string;
  /** A JSON call to `/api/v1…`; throws with the status and the start of the answer unless 2xx. */
  call<T>(method: string, url: string, body?: unknown, token?: string): Promise<T>;
  /** A new organisation and its admin, password changed: the admin's token. */
  newOrganization(org: { name: string; admin_email: string; max_users?: number }): Promise<string>;
  stop(): Promise<void>;
}

/** The embedded database's first start creates and migrates it: over a minute on a loaded machine. */
async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not start within 180 s');
}

/**
 * Starts the API on `databaseUrl` (migrated and seeded by its own start-up), or on the embedded
 * database in the folder `{ dataDir }`, and waits until it answers /health. `nodeArgs` go before
 * the entry point (e.g. `--cpu-prof`); `env` adds settings.
 */
export async function startServerEntry(
  database: string | { dataDir: string },
  { nodeArgs = [], env = {} }: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<ServerEntry> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const root = { email: 'bench-root@example.test', password: `Bench-${randomBytes(6).toString('hex')}-Aa1!` };
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'apps/api/src/server.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
      ...(typeof database === 'string' ? { DATABASE_URL: database } : { DATA_DIR: database.dataDir }),
      DB_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SUPER_ADMIN_EMAIL: root.email,
      SUPER_ADMIN_PASSWORD: root.password,
      INIT_CWD: ROOT,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => undefined);
  };
  const call = async <T>(method: string, url: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
  try {
    await waitForHealth(base, child);
    const rootToken = (await call<{ access_token: string }>('POST', '/auth/login', root)).access_token;
    const newOrganization = async (org: { name: string; admin_email: string; max_users?: number }) => {
      const licence = await call<{ temporary_password: string; admin: { email: string } }>(
        'POST',
        '/organizations',
        { ...org, admin_full_name: 'Bench Owner' },
        rootToken,
      );
      const first = await call<{ access_token: string }>('POST', '/auth/login', {
        email: licence.admin.email,
        password: licence.temporary_password,
      });
      const owner = await call<{ access_token: string }>(
        'POST',
        '/auth/change-password',
        { new_password: 'Bench-Owner-Pass-2025!' },
        first.access_token,
      );
      return owner.access_token;
    };
    return { base, child, rootToken, call, newOrganization, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
