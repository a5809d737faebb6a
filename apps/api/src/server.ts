import { buildApp } from './app';
import { createLoggers, failStart, loadConfigOrExit, openDatabase } from './bootstrap';
import { createDeps } from './deps';
import { resolveSecretKey } from './lib/secret-key';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const loggers = createLoggers(config);
  const handle = await openDatabase(config, loggers);
  const secret = resolveSecretKey(config);
  if (secret.source === 'generated') loggers.app.info({ file: `${config.dataDir}/secret.key` }, 'Generated a new SECRET_KEY');
  const deps = createDeps({ config, loggers, handle, secretKey: secret.key });
  const app = await buildApp(deps);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    loggers.app.info({ signal }, 'Shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      loggers.app.error({ timeout_ms: config.shutdownTimeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await app.close();
      await handle.close();
      loggers.app.info('Stopped cleanly');
      process.exit(0);
    } catch (err) {
      loggers.app.error({ err }, 'Error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await handle.close().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') failStart(`Port ${config.port} on ${config.host} is already in use. Set PORT to another port.`);
    throw err;
  }
  if (config.email.workerInProcess) await deps.email.startWorker();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${port}`;
  const db = config.database.driver === 'pg' ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
  loggers.app.info({ url: base, docs: `${base}/docs`, database: config.database.driver }, `${config.productName} API listening at ${base} (API docs at ${base}/docs, ${db})`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
