import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgHandle } from '../../db/client';
import { PASSWORD_CHANGED_VARS } from '../../test/email';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { startServer, startWorkerProcess } from '../../test/server-process';
import { startTestSmtpServer, waitUntil, type TestSmtpServer } from '../../test/smtp';
import { createPgTestDatabase } from '../../test/test-db';
import { findEmailMessage } from './email.repo';
import { platformTx } from '../../test/factories';

let url: string;
let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  url = await createPgTestDatabase();
  const handle = createPgHandle(
    { url, poolSize: 3, poolTimeoutMs: 5_000, statementTimeoutMs: 30_000 },
    captureLoggers('silent').loggers.database,
  );
  t = await buildTestApp({ handle });
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('npm run worker: the email worker as a process of its own (PostgreSQL server)', { timeout: 60_000 }, () => {
  it('delivers what API processes queued, and stops cleanly on SIGTERM', async () => {
    const ids = await platformTx(t.deps, async (tx) => {
      const out: string[] = [];
      for (const n of [1, 2, 3]) {
        out.push(
          (await t.deps.email.enqueue(tx, { template: 'password_changed', to: `w${n}@example.in`, variables: PASSWORD_CHANGED_VARS })).id,
        );
      }
      return out;
    });
    const worker = startWorkerProcess({ DATABASE_URL: url, ...smtp.env(), EMAIL_WORKER_POLL_SECONDS: '0.5' });
    await worker.ready;
    await smtp.waitFor(3);
    await waitUntil('the worker to record the deliveries', async () => {
      const rows = await Promise.all(ids.map((id) => t.deps.sessions.run((db) => findEmailMessage(db, 'platform', id))));
      return rows.every((r) => r?.status === 'sent') ? rows : undefined;
    });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['w1@example.in', 'w2@example.in', 'w3@example.in']);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/Email worker stopped/);
    expect(worker.output()).toMatch(/Stopped cleanly/);
  });

  it('runs inside the API process by default, and stops with it', async () => {
    const env = { DATABASE_URL: url, SECRET_KEY: 'x'.repeat(40), ...smtp.env(), EMAIL_WORKER_POLL_SECONDS: '0.5' };
    const api = startServer(env);
    await api.ready;
    const { id } = await platformTx(t.deps, (tx) =>
      t.deps.email.enqueue(tx, { template: 'password_changed', to: 'in-process@example.in', variables: PASSWORD_CHANGED_VARS }),
    );
    await waitUntil(
      'the API process to deliver',
      async () => (await t.deps.sessions.run((db) => findEmailMessage(db, 'platform', id)))?.status === 'sent' || undefined,
    );
    expect(smtp.received.some((m) => m.to[0] === 'in-process@example.in')).toBe(true);
    api.child.kill('SIGTERM');
    expect(await api.exited, api.output()).toBe(0);
    // The worker stops before the process says it stopped cleanly. The two lines come from different
    // loggers whose writes may reach the pipe in either order, so their own timestamps are compared.
    const logged = (msg: string) => {
      const line = api
        .output()
        .split('\n')
        .find((l) => l.includes(`"msg":"${msg}"`));
      expect(line, `a "${msg}" line`).toBeDefined();
      return Date.parse((JSON.parse(line!) as { time: string }).time);
    };
    expect(logged('Email worker stopped')).toBeLessThanOrEqual(logged('Stopped cleanly'));

    const withoutWorker = startServer({ ...env, EMAIL_WORKER_IN_PROCESS: 'false' });
    await withoutWorker.ready;
    withoutWorker.child.kill('SIGTERM');
    expect(await withoutWorker.exited, withoutWorker.output()).toBe(0);
    expect(withoutWorker.output()).not.toMatch(/Email worker started/);
  });

  it('refuses to start without SMTP, naming what is missing', async () => {
    const worker = startWorkerProcess({ DATABASE_URL: url });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/SMTP_HOST is not set: the email worker has nothing it can deliver/);
  });
});
