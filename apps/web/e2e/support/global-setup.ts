/**
 * Browser-test harness (Vitest project `e2e`). Once per run:
 *   1. a throwaway database on the PostgreSQL server (TEST_DATABASE_URL's server, default
 *      postgres://postgres@127.0.0.1:5432), dropped at the end;
 *   2. a loopback SMTP server; every accepted message is written as JSON to `mailDir`
 *      (read it from tests with `waitForMail` in ./mail.ts);
 *   3. a production build of the web app (`next build`, reused while up to date);
 *   4. the API (`tsx src/server.ts`, migrating the database at start, with a super admin, and a
 *      test-only voucher type registered by ./register-test-voucher-type.ts) and
 *      the web server (apps/web/server.mjs: Next.js in production mode), each in its own process group, both on free loopback ports, stopped together.
 * Tests get the addresses with `inject('e2e')` (see ./env.ts). Chromium: ./browser.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startTestSmtpServer } from '../../../api/src/test/smtp';
import { resolveTestPostgres } from '../../../api/src/test/private-postgres';
import { databaseUrl } from '../../../api/src/test/test-db';
import { buildWebIfNeeded, root, webDir } from '../../../../scripts/lib/web-build.mjs';
import { chromiumPath } from './chromium';
import { apiServerEnv } from './servers';
import type { E2eEnv } from './env';

const SUPER_ADMIN = { email: 'root@platform.example.test', password: 'Pl@tform-Root-2026' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const stopping = new Set<ChildProcess>();

function startGroup(name: string, command: string[], cwd: string, env: Record<string, string>, logFile: string): ChildProcess {
  const child = spawn(process.execPath, command, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    writeFileSync(logFile, log);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!stopping.has(child) && code !== 0 && signal === null)
      console.error(`[e2e] ${name} exited with ${code}; its output is in ${logFile}`);
  });
  return child;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  stopping.add(child);
  try {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHttp(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const workDir = mkdtempSync(path.join(tmpdir(), 'tritiq-e2e-'));
  const mailDir = path.join(workDir, 'mail');
  mkdirSync(mailDir);
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(workDir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn();
  };

  try {
    // No Chromium: one line saying what to install, before anything is built or started.
    await chromiumPath();
    // TEST_DATABASE_URL, else the server on the default address, else a private server of this run's own.
    const server = await resolveTestPostgres();
    cleanups.push(() => server.stop());
    const adminUrl = server.adminUrl;
    console.log(`[e2e] PostgreSQL: ${server.description}`);
    const database = `tritiq_e2e_${runId}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    });

    const smtp = await startTestSmtpServer();
    let written = 0;
    const flush = () => {
      for (; written < smtp.received.length; written++) {
        const m = smtp.received[written]!;
        const message = {
          to: m.to,
          from: m.from,
          subject: m.parsed.subject ?? '',
          text: m.parsed.text ?? '',
          // Attachments as they arrived (base64), so a test can read the PDF a customer would open.
          attachments: m.parsed.attachments.map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType,
            content: a.content.toString('base64'),
          })),
          receivedAt: new Date().toISOString(),
        };
        writeFileSync(path.join(mailDir, `${String(written).padStart(5, '0')}.json`), JSON.stringify(message));
      }
    };
    const mailPump = setInterval(flush, 50);
    cleanups.push(async () => {
      clearInterval(mailPump);
      await smtp.close();
    });

    if (!buildWebIfNeeded({ quiet: true, log: (line) => console.log(`[e2e] ${line}`) })) throw new Error('next build failed');

    const [apiPort, webPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1' };
    // The API as `tsx src/server.ts` runs it, with one test-only voucher type registered first
    // (./register-test-voucher-type.ts): see voucher-types.e2e.ts.
    const api = startGroup(
      'API',
      ['--import', 'tsx', '--import', path.join(import.meta.dirname, 'register-test-voucher-type.ts'), 'src/server.ts'],
      path.join(root, 'apps/api'),
      apiServerEnv({
        port: apiPort,
        webUrl,
        databaseUrl: databaseUrl(adminUrl, database),
        dataDir: workDir,
        superAdmin: SUPER_ADMIN,
        extra: smtp.env(),
      }),
      path.join(workDir, 'api.log'),
    );
    const web = startGroup(
      'web',
      [path.join(webDir, 'server.mjs'), '--hostname', '127.0.0.1', '--port', String(webPort)],
      webDir,
      { ...base, NODE_ENV: 'production', API_URL: apiUrl },
      path.join(workDir, 'web.log'),
    );
    cleanups.push(async () => {
      for (const child of [web, api]) stopGroup(child);
      await Promise.all(
        [web, api].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const force = setTimeout(() => stopGroup(child, 'SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
            }),
        ),
      );
    });
    await waitForHttp(`${apiUrl}/health`, api, 'the API');
    await waitForHttp(`${webUrl}/login`, web, 'the web server');

    const env: E2eEnv = {
      webUrl,
      apiUrl,
      postgresAdminUrl: adminUrl,
      mailDir,
      superAdmin: SUPER_ADMIN,
      screenshotsDir: path.join(root, 'test-results/screenshots'),
    };
    mkdirSync(env.screenshotsDir, { recursive: true });
    project.provide('e2e', env);
    return cleanup;
  } catch (err) {
    await cleanup();
    throw err;
  }
}
