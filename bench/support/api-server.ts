/**
 * The real API in its own process for benchmarks (so the load generator does not share its
 * event loop): listens on a free loopback port and reports it to the parent over IPC.
 * Environment: DATABASE_URL, SECRET_KEY, DB_POOL_SIZE, and BENCH_LOG_LEVEL (default `error`;
 * `info` is production's default: one `http` line per request on stdout). With BENCH_PROFILE_DIR,
 * the messages `{ profile: 'start' }` and `{ profile: 'stop', name }` take a CPU profile of what
 * happens between them (a measured run, without start-up and warm-up) into `<dir>/<name>.cpuprofile`,
 * and answer `{ profiled: path }`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import { createDbHandle } from '../../apps/api/src/db/client';
import { createDeps } from '../../apps/api/src/deps';
import { categoryLoggers, createLogger } from '../../apps/api/src/lib/logger';

const level = process.env.BENCH_LOG_LEVEL ?? 'error';
const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: level, LOG_FORMAT: 'json', PORT: '0' });
const loggers = categoryLoggers(createLogger({ level, pretty: false }));
const handle = await createDbHandle(config, loggers.database);
const deps = createDeps({ config, loggers, handle, secretKey: config.secretKey! });
const app = await buildApp(deps);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
const profileDir = process.env.BENCH_PROFILE_DIR;
const inspector = profileDir ? new Session() : undefined;
if (inspector) {
  mkdirSync(profileDir!, { recursive: true });
  inspector.connect();
  await inspector.post('Profiler.enable');
  // 1 ms between samples (V8's default); the figures read from a profile are shares of its samples.
  await inspector.post('Profiler.setSamplingInterval', { interval: 1000 });
}
process.on('message', (message: unknown) => {
  const profile = (message as { profile?: 'start' | 'stop'; name?: string } | null)?.profile;
  if (inspector && profile === 'start') {
    void inspector.post('Profiler.start').then(() => process.send?.({ profiling: true }));
  } else if (inspector && profile === 'stop') {
    void inspector.post('Profiler.stop').then(({ profile: taken }) => {
      const file = path.join(profileDir!, `${(message as { name?: string }).name ?? 'api'}.cpuprofile`);
      writeFileSync(file, JSON.stringify(taken));
      process.send?.({ profiled: file });
    });
  } else if (message === 'stop') {
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  }
});
