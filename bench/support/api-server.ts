/**
 * The real API in its own process for benchmarks (so the load generator does not share its
 * event loop): listens on a free loopback port and reports it to the parent over IPC.
 * Environment: DATABASE_URL, SECRET_KEY, DB_POOL_SIZE, and BENCH_LOG_LEVEL (default `error`;
 * `info` is production's default: one `http` line per request on stdout).
 */
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
process.on('message', (message) => {
  if (message === 'stop') {
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  }
});
