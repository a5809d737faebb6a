import type { Camelized, EmailSendResult, EmailServiceStatus } from '@tritiq/contracts';
import type { Config } from '../../config';
import type { DbHandle } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Loggers } from '../../lib/logger';
import type { Metrics } from '../../plugins/metrics';
import { createEmailLog, type EmailLog } from './email.log';
import { createEmailMetrics } from './email.metrics';
import { deliverQueuedEmail, recordRetryPolicy, type AttachmentProvider, type EmailOutcomeHandler } from './email.outbox';
import { getOutboxStats } from './email.repo';
import { createEmailSending, type EmailSending } from './email.service';
import { createSmtpSender } from './email.smtp';
import { createTemplateRenderer, type TemplateRenderer } from './email.templates';
import { createEmailWorker } from './email.worker';

export type { EmailRequest, QueuedEmail } from './email.service';
export {
  AttachmentUnavailableError,
  type AttachmentProvider,
  type AttachmentRequest,
  type EmailOutcome,
  type EmailOutcomeHandler,
} from './email.outbox';
export type { EmailAttachment } from './email.smtp';
export { renderTemplate } from './email.templates';

/** A job still in a worker's hands after this long is presumed lost and comes back (pg-boss expiry). */
export const EMAIL_JOB_EXPIRY_SECONDS = 15 * 60;
/** Queued mail waits this long for SMTP to be configured before pg-boss archives its job. */
const QUEUED_RETENTION_DAYS = 365;

export interface EmailService extends EmailSending {
  /** For `GET /api/v1/admin/email/status`. */
  status(): Promise<Camelized<EmailServiceStatus>>;
  /** Whether SMTP is configured (queued mail waits until it is). */
  configured(): boolean;
  /** Sends the `email_test` message through the configured server. */
  sendTest(to: string, requestedBy: string): Promise<EmailSendResult>;
  log: EmailLog;
  renderer: TemplateRenderer;
  /** Starts delivering queued mail in this process; false (and nothing started) without SMTP. */
  startWorker(): Promise<boolean>;
  /** Stops the worker (letting in-flight deliveries finish) and closes SMTP connections. */
  stop(): Promise<void>;
}

export interface EmailServiceDeps {
  config: Config;
  loggers: Loggers;
  handle: DbHandle;
  sessions: SessionManager;
  clock: Clock;
  metrics: Metrics;
}

export function createEmailService(deps: EmailServiceDeps): EmailService {
  const { config, sessions, clock } = deps;
  const logger = deps.loggers.email;
  const renderer = createTemplateRenderer({ productName: config.productName });
  const sender = createSmtpSender({
    smtp: config.smtp,
    productName: config.productName,
    poolSize: config.email.poolSize,
    timeoutMs: config.email.timeoutMs,
    logger,
  });
  const handlers = new Map<string, EmailOutcomeHandler>();
  const attachments = new Map<string, AttachmentProvider>();

  const outbox = async () => {
    const stats = await sessions.run((db) => getOutboxStats(db, new Date(clock.now().getTime() - 24 * 3600_000)), {
      platform: true,
      label: 'email.stats',
    });
    const oldestAgeSeconds = stats.oldestPendingAt ? Math.max(0, (clock.now().getTime() - stats.oldestPendingAt.getTime()) / 1000) : null;
    return { ...stats, oldestAgeSeconds };
  };
  const metrics = createEmailMetrics(deps.metrics.registry, { outbox }, logger);

  const core = { sessions, sender, renderer, clock, logger, metrics, handlers, attachments };
  const sending = createEmailSending({
    ...core,
    config,
    jobOptions: {
      retryLimit: config.email.outboxAttempts - 1,
      retryDelay: config.email.outboxRetrySeconds,
      retryBackoff: true,
      expireInSeconds: EMAIL_JOB_EXPIRY_SECONDS,
      retentionDays: QUEUED_RETENTION_DAYS,
    },
  });

  const workerId = newId();
  const worker = createEmailWorker({
    id: workerId,
    handle: deps.handle,
    sessions,
    logger,
    heartbeatSeconds: config.email.workerHeartbeatSeconds,
    deadAfterSeconds: config.email.workerDeadAfterSeconds,
    deliver: (job) =>
      deliverQueuedEmail(
        { ...core, workerId, leaseMs: EMAIL_JOB_EXPIRY_SECONDS * 1000, recordRetry: recordRetryPolicy(config.email.recordRetrySeconds) },
        job,
      ),
    settleRetryMs: config.email.recordRetrySeconds * 1000,
    batchSize: config.email.workerBatchSize,
    concurrency: config.email.workerConcurrency,
    pollSeconds: config.email.workerPollSeconds,
    stopTimeoutMs: Math.max(1_000, config.shutdownTimeoutMs - 1_000),
  });

  return {
    ...sending,
    log: createEmailLog({ sessions }),
    renderer,

    async status() {
      const check = sender.check();
      const stats = await outbox();
      return {
        configured: check.ok,
        problems: check.problems,
        smtp: check.ok
          ? {
              host: check.settings.host,
              port: check.settings.port,
              secure: check.settings.secure,
              fromEmail: check.settings.fromEmail,
              fromName: check.settings.fromName,
            }
          : null,
        worker: { inProcess: config.email.workerInProcess, running: worker.running() },
        outbox: { depth: stats.depth, oldestPendingAgeSeconds: stats.oldestAgeSeconds },
        lastDay: { sent: stats.sentSince, failed: stats.failedSince },
      };
    },

    configured() {
      return sender.check().ok;
    },

    sendTest(to, requestedBy) {
      const check = sender.check();
      return sending.sendNow({
        template: 'email_test',
        to,
        variables: {
          requested_by: requestedBy,
          sent_at: clock.now().toISOString(),
          smtp_host: check.ok ? check.settings.host : '(not configured)',
        },
        organizationId: null,
        relatedType: 'email_test',
      });
    },

    async startWorker() {
      const check = sender.check();
      if (!check.ok) {
        logger.warn(
          { problems: check.problems },
          `Email worker not started: email is not configured (${check.problems.join('; ')}); queued messages wait`,
        );
        return false;
      }
      await worker.start();
      return true;
    },

    async stop() {
      await worker.stop();
      sender.close();
    },
  };
}

export { registerEmailRoutes } from './email.routes';
