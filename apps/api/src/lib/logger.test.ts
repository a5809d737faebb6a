import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { categoryLoggers, createLogger, LOG_FLUSH_MS } from './logger';
import { REDACTED } from './redact';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));
const running = new Set<ChildProcess>();
// A child still running after its test (one that failed waiting for a line) is stopped.
afterEach(() => {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
});

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * Runs `script` (with `createLogger` and `categoryLoggers` in scope, logging to standard output)
 * in a child process; resolves with what it wrote once `until` matches it, or once it exited.
 */
function child(script: string, until?: RegExp): Promise<{ out: string; code: number | null; killed: boolean }> {
  const source = `import { createLogger, categoryLoggers } from ${JSON.stringify(LOGGER)};\n${script}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  let out = '';
  return new Promise((resolve) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) {
        proc.kill('SIGKILL');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      resolve({ out, code, killed: signal === 'SIGKILL' });
    });
  });
}

describe('createLogger', () => {
  it('writes the fields as they are when none is secret, and redacts secret ones at any depth', () => {
    const { stream, lines } = capture();
    const loggers = categoryLoggers(createLogger({ level: 'info', pretty: false, destination: stream }));
    loggers.http.info(
      { request_id: 'r1', method: 'POST', route: '/x', status: 201, duration_ms: 1.5, ip: '127.0.0.1' },
      'request completed',
    );
    loggers.security.warn({ event: 'e', password: 'hunter2', details: { access_token: 't', name: 'n' }, must_change_password: true }, 'x');
    loggers.app.info({ token: null, authorization: 'Bearer abc' }, 'y');
    const [http, security, app] = lines();
    expect(http).toMatchObject({
      category: 'http',
      request_id: 'r1',
      method: 'POST',
      route: '/x',
      status: 201,
      duration_ms: 1.5,
      ip: '127.0.0.1',
      msg: 'request completed',
    });
    expect(security).toMatchObject({ password: REDACTED, details: { access_token: REDACTED, name: 'n' }, must_change_password: true });
    expect(app).toMatchObject({ token: null, authorization: REDACTED });
  });

  it(
    'on standard output: every line is written when the process exits, and lines reach it within the flush interval without an exit',
    { timeout: 60_000 },
    async () => {
      // 2,000 lines then process.exit: what is still buffered is written at exit.
      const exited = await child(`const { app } = categoryLoggers(createLogger({ level: 'info', pretty: false }));
for (let i = 0; i < 2000; i++) app.info({ i }, 'line');
process.exit(3);`);
      expect(exited.code).toBe(3);
      const numbers = exited.out
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { i: number }).i);
      expect(numbers).toEqual(Array.from({ length: 2000 }, (_, i) => i));

      // One short line, far under a chunk, and a process that stays up: it arrives by the interval.
      const waiting = await child(
        `const { app } = categoryLoggers(createLogger({ level: 'info', pretty: false }));
app.info('one short line');
setInterval(() => undefined, 1000);`,
        /one short line/,
      );
      expect(waiting.killed).toBe(true);
      expect(waiting.out).toContain('"msg":"one short line"');
      expect(LOG_FLUSH_MS).toBeLessThanOrEqual(1000);
    },
  );

  it('a fatal error (an exception nothing catches) still writes the lines logged before it', { timeout: 60_000 }, async () => {
    const crashed = await child(`const { app } = categoryLoggers(createLogger({ level: 'info', pretty: false }));
app.info('before the crash');
setTimeout(() => { throw new Error('boom'); }, 10);`);
    expect(crashed.code).toBe(1);
    expect(crashed.out).toContain('"msg":"before the crash"');
    expect(crashed.out).toContain('boom');
  });
});
