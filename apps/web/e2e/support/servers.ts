/**
 * The API and web server processes a browser test starts beside the harness's own (global-setup.ts
 * starts the shared pair with the same settings): a stack with other settings, such as one without
 * SMTP, or a web server whose API is not up yet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { closedPort, waitUntil } from '../../../api/src/test/smtp';
import { root } from '../../../../scripts/lib/web-build.mjs';

const BASE_ENV = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1' });

/**
 * The API's environment as the browser tests run it (`tsx src/server.ts` in apps/api): loopback, the
 * given database (migrated at start) and super admin, browsers at `webUrl`, the email worker polling
 * every half second; `extra` adds or overrides (the SMTP_* settings, or none).
 */
export function apiServerEnv(options: {
  port: number;
  webUrl: string;
  databaseUrl: string;
  dataDir: string;
  superAdmin: { email: string; password: string };
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    ...BASE_ENV(),
    INIT_CWD: options.dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    PUBLIC_URL: options.webUrl,
    TRUSTED_ORIGINS: options.webUrl,
    SUPER_ADMIN_EMAIL: options.superAdmin.email,
    SUPER_ADMIN_PASSWORD: options.superAdmin.password,
    // Browsers and test helpers all come from 127.0.0.1; the per-IP limit has its own API tests.
    AUTH_RATE_LIMIT_MAX: '100000',
    EMAIL_WORKER_POLL_SECONDS: '0.5',
    ...options.extra,
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then waits for the process to exit. */
  stop: () => Promise<void>;
}

function start(command: string[], cwd: string, env: Record<string, string>, port: number): ServerProcess {
  const child = spawn(process.execPath, command, { cwd, env: env as unknown as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, stop };
}

async function answering(server: ServerProcess, probePath: string, what: string, timeoutMs = 120_000): Promise<ServerProcess> {
  await waitUntil(
    what,
    async () => {
      if (server.child.exitCode !== null) throw new Error(`${what}: the process exited (${server.child.exitCode}):\n${server.output()}`);
      const res = await fetch(`${server.url}${probePath}`, { redirect: 'manual' }).catch(() => undefined);
      return res && res.status < 500 ? true : undefined;
    },
    timeoutMs,
    200,
  );
  return server;
}

/**
 * apps/web/server.mjs from `dir` on a free port (or `port`); answers once /login answers. Production
 * (a built web app), or with `dev` development (`server.mjs --dev`, as `npm run dev` runs it), where
 * the first answer waits for /login's first compile.
 */
export async function startWebServer(
  dir: string,
  env: Record<string, string>,
  options: { port?: number; dev?: boolean } = {},
): Promise<ServerProcess> {
  const p = options.port ?? (await closedPort());
  const args = ['server.mjs', ...(options.dev ? ['--dev'] : []), '--hostname', '127.0.0.1', '--port', String(p)];
  const server = start(args, dir, { ...BASE_ENV(), ...env }, p);
  return answering(server, '/login', `the web server in ${dir} to answer`, options.dev ? 600_000 : 120_000);
}

/** The API (`tsx src/server.ts`) with `env` (see apiServerEnv) on env.PORT; answers once /health answers. */
export async function startApiServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = Number(env.PORT);
  const server = start(['--import', 'tsx', 'src/server.ts'], path.join(root, 'apps/api'), env, port);
  return answering(server, '/health', 'the API to answer');
}
