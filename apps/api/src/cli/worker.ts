import { createLoggers, failStart, loadConfigOrExit, openDatabase, stopOnSignals } from '../bootstrap';
import { createSessionManager } from '../db/session';
import { createEmailService } from '../modules/email';
import { createMetrics } from '../plugins/metrics';

/**
 * `npm run worker`: delivers queued email without serving HTTP, for deployments where several API
 * instances share one PostgreSQL database (run them with EMAIL_WORKER_IN_PROCESS=false). With the
 * embedded database only one process can open the data directory, so there the API's own worker
 * is the one to use.
 */
const config = loadConfigOrExit();
const loggers = createLoggers(config);
const handle = await openDatabase(config, loggers);
const sessions = createSessionManager(handle, { logger: loggers.database, retry: { maxRetries: config.dbMaxRetries } });
const email = createEmailService({ config, loggers, handle, sessions, clock: { now: () => new Date() }, metrics: createMetrics(sessions) });

if (!(await email.startWorker())) {
  const { problems } = await email.status();
  await handle.close();
  failStart(`${problems.join('; ')}: the email worker has nothing it can deliver. Configure SMTP (see .env.example).`);
}

stopOnSignals(loggers, config.shutdownTimeoutMs, 'Email worker shutting down: finishing deliveries in flight', async () => {
  await email.stop();
  await handle.close();
});
