import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './test/server-process';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tritiq-data-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the server process (embedded database)', { timeout: 60_000 }, () => {
  it('starts, keeps its data and secret in DATA_DIR, and a second process on that directory fails fast', async () => {
    const DATA_DIR = dataDir();
    const first = startServer({ DATA_DIR });
    const url = await first.ready;
    const health = await fetch(`${url}/health/db`);
    expect(health.status).toBe(200);
    expect(existsSync(path.join(DATA_DIR, 'secret.key'))).toBe(true);
    expect(existsSync(path.join(DATA_DIR, 'pgdata'))).toBe(true);

    const second = startServer({ DATA_DIR });
    const code = await second.exited;
    expect(code).toBe(1);
    expect(second.output()).toMatch(/data directory .* is in use by another TRITIQ ERP process \(pid \d+\)/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Stopped cleanly/);

    const third = startServer({ DATA_DIR });
    await third.ready;
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });

  it('takes over the lock of a process that was killed', async () => {
    const DATA_DIR = dataDir();
    const first = startServer({ DATA_DIR });
    await first.ready;
    first.child.kill('SIGKILL');
    await first.exited;
    const next = startServer({ DATA_DIR });
    await next.ready;
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('refuses to start in production without SECRET_KEY, naming it', async () => {
    const server = startServer({ DATA_DIR: dataDir(), NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/SECRET_KEY is required when NODE_ENV=production/);
  });

  it('refuses a malformed DATABASE_URL, naming it', async () => {
    const server = startServer({ DATA_DIR: dataDir(), DATABASE_URL: 'http://not-postgres' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
  });
});
