import { buildApp } from './app';
import { createLoggers, failStart, loadConfigOrExit, openDatabase, stopOnSignals } from './bootstrap';
import { createDeps } from './deps';
import { resolveSecretKey } from './lib/secret-key';
import { ensureSuperAdmin, SuperAdminSeedError } from './modules/auth';
import { startScheduledBackups } from './modules/backup';
import { paymentReminderSchedule } from './modules/party-statements';
import { startMetricsListener } from './plugins/metrics';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const loggers = createLoggers(config);
  const handle = await openDatabase(config, loggers);
  const secret = resolveSecretKey(config);
  if (secret.source === 'generated') loggers.app.info({ file: `${config.dataDir}/secret.key` }, 'Generated a new SECRET_KEY');
  const deps = createDeps({ config, loggers, handle, secretKey: secret.key });
  try {
    // Printed straight to the terminal, never through the logger: a password must not be a log line.
    await ensureSuperAdmin(deps, (text) => process.stdout.write(text));
  } catch (err) {
    await handle.close().catch(() => undefined);
    if (err instanceof SuperAdminSeedError) failStart(err.message);
    throw err;
  }
  const app = await buildApp(deps);
  let metricsServer: { close(): Promise<unknown> } | undefined;
  let stopBackups: (() => Promise<void>) | undefined;
  const reminders = paymentReminderSchedule(deps);

  stopOnSignals(loggers, config.shutdownTimeoutMs, 'Shutting down: finishing in-flight requests', async () => {
    await stopBackups?.();
    await reminders.stop();
    await metricsServer?.close();
    await app.close();
    await handle.close();
  });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await handle.close().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') failStart(`Port ${config.port} on ${config.host} is already in use. Set PORT to another port.`);
    throw err;
  }
  if (config.metrics.port !== undefined) {
    try {
      const listener = await startMetricsListener(deps.metrics, { ...config.metrics, port: config.metrics.port });
      metricsServer = listener.server;
      loggers.app.info({ url: listener.url }, `Metrics at ${listener.url}`);
    } catch (err) {
      await app.close().catch(() => undefined);
      await handle.close().catch(() => undefined);
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        failStart(`Port ${config.metrics.port} on ${config.metrics.host} is already in use. Set METRICS_PORT to another port.`);
      throw err;
    }
  }
  if (config.email.workerInProcess) await deps.email.startWorker();
  // The daily payment reminder job (organisations turn it on in their settings): pg-boss makes one
  // job a day however many instances run this, and one of them runs it.
  await reminders.start();
  if (config.backup && handle.driver === 'pglite')
    stopBackups = startScheduledBackups({ handle, ...config.backup, appVersion: config.version, logger: loggers.app });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${port}`;
  const db = config.database.driver === 'pg' ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
  loggers.app.info(
    { url: base, docs: `${base}/docs`, database: config.database.driver },
    `${config.productName} API listening at ${base} (API docs at ${base}/docs, ${db})`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
