import type { EmailSendResult } from '@tritiq/contracts';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Executor } from '../../db/client';
import { JOB_QUEUES, jobQueueTxDb } from '../../db/job-queue';
import { contextFor } from '../../db/session';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { isSecretKey } from '../../lib/redact';
import { notConfiguredMessage } from './email.config';
import type { AttachmentProvider, EmailCoreDeps, EmailOutcomeHandler } from './email.outbox';
import { insertEmailMessage, type NewEmailMessage } from './email.repo';
import { TemplateError, type RenderedEmail } from './email.templates';

/** The cross-team request shape (TEAM-NOTES "Email interface"). */
export interface EmailRequest {
  template: string;
  to: string;
  toName?: string;
  variables: Record<string, unknown>;
  organizationId?: string | null;
  relatedType?: string;
  relatedId?: string;
}

/** A message ready for the outbox: its row (written by the caller) and, once written, its job. */
export interface QueuedEmail {
  id: string;
  row: NewEmailMessage & { id: string };
}

export interface EmailSending {
  /**
   * Sends at once with a short retry and answers `{ sent, error }`; never throws. For messages
   * that carry a secret: only metadata is recorded, never the variables or the body. Call it
   * after your transaction has committed, never inside one (on the embedded database a second
   * transaction would wait for yours forever).
   */
  sendNow(request: EmailRequest): Promise<EmailSendResult>;
  /**
   * Queues a message in the caller's transaction: it exists exactly when the caller's change
   * commits, and the worker delivers it with retries over hours. Refuses secrets (use sendNow).
   */
  enqueue(tx: Executor, request: EmailRequest): Promise<{ id: string }>;
  /**
   * `enqueue` in two halves, for a caller that writes the outbox row itself within a statement
   * it runs anyway (the posting statement): the checked, rendered row, then its delivery job,
   * queued in the same transaction after the row is written.
   */
  prepareQueued(request: EmailRequest): QueuedEmail;
  dispatchQueued(tx: Executor, prepared: QueuedEmail): Promise<void>;
  /** Called, inside a transaction, when a queued message with this `relatedType` is sent or finally fails. */
  registerOutcomeHandler(relatedType: string, handler: EmailOutcomeHandler): void;
  /** The worker attaches what this provider makes to every queued message with this `relatedType`. */
  registerAttachments(relatedType: string, provider: AttachmentProvider): void;
}

export interface EmailSendingDeps extends EmailCoreDeps {
  config: Config;
  /** pg-boss jobs of queued messages: retry limit, backoff, expiry. */
  jobOptions: PgBoss.SendOptions;
}

const emailAddress = z.email();

/** The first key, at any depth, whose name says it holds a secret (the log redaction rule). */
function secretKeyIn(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = isSecretKey(key) ? key : secretKeyIn(inner);
    if (found) return found;
  }
  return undefined;
}

function messageIdDomain(config: Config, fromEmail: string | undefined): string {
  const fromDomain = fromEmail?.split('@')[1];
  if (fromDomain) return fromDomain;
  return URL.canParse(config.publicUrl) ? new URL(config.publicUrl).hostname || 'tritiq.invalid' : 'tritiq.invalid';
}

export function createEmailSending(deps: EmailSendingDeps): EmailSending {
  const { config, sender, renderer, logger } = deps;
  const check = sender.check();
  const domain = messageIdDomain(config, check.ok ? check.settings.fromEmail : config.smtp.fromEmail);
  const messageIdFor = (id: string) => `<${id}@${domain}>`;
  const sendingBoss = new PgBoss({
    db: { executeSql: () => Promise.reject(new Error('only sends through a transaction')) },
    supervise: false,
    schedule: false,
    migrate: false,
  });

  function validateRecipient(to: string): string | null {
    return emailAddress.safeParse(to).success ? null : `Invalid recipient address: ${JSON.stringify(to)}`;
  }

  async function recordDirect(request: EmailRequest, row: Omit<NewEmailMessage, 'channel' | 'template' | 'toEmail'>): Promise<void> {
    try {
      await deps.sessions.transaction(
        (tx) =>
          insertEmailMessage(tx, {
            ...row,
            channel: 'direct',
            template: request.template,
            toEmail: request.to,
            toName: request.toName ?? null,
            variables: null,
            organizationId: request.organizationId ?? null,
            relatedType: request.relatedType ?? null,
            relatedId: request.relatedId ?? null,
          }),
        { ...contextFor(request.organizationId ?? null), label: 'email.record_direct' },
      );
    } catch (err) {
      logger.error({ err, email_id: row.id, template: request.template, to: request.to }, 'Could not record a direct email');
    }
  }

  async function sendNow(request: EmailRequest): Promise<EmailSendResult> {
    const id = newId();
    const messageId = messageIdFor(id);
    const started = deps.clock.now();
    let rendered: RenderedEmail | undefined;
    let error = validateRecipient(request.to);
    if (!error) {
      try {
        rendered = renderer.render(request.template, request.variables);
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        error = err.message;
        logger.error({ email_id: id, template: request.template, error }, 'Email template could not be rendered');
      }
    }
    if (!error && !check.ok) {
      error = notConfiguredMessage(check.problems);
      logger.warn(
        { email_id: id, template: request.template, to: request.to, outcome: 'failed', error },
        'Email not sent: email is not configured',
      );
    }
    const result =
      error || !rendered
        ? { sent: false, error, attempts: 0, response: null }
        : await sender.deliver(
            { to: request.to, toName: request.toName, messageId, ...rendered },
            { emailId: id, template: request.template, channel: 'direct' },
            { attempts: config.email.sendAttempts, baseDelayMs: config.email.retryBaseMs },
          );
    const now = deps.clock.now();
    await recordDirect(request, {
      id,
      messageId,
      subject: rendered?.subject ?? null,
      status: result.sent ? 'sent' : 'failed',
      attempts: result.attempts,
      lastError: result.error,
      smtpResponse: result.response,
      createdAt: started,
      updatedAt: now,
      lastAttemptAt: result.attempts > 0 ? now : null,
      sentAt: result.sent ? now : null,
      failedAt: result.sent ? null : now,
    });
    deps.metrics.count(result.sent ? 'sent' : 'failed', 'direct', request.template);
    return { sent: result.sent, error: result.error };
  }

  function prepareQueued(request: EmailRequest): QueuedEmail {
    const badRecipient = validateRecipient(request.to);
    if (badRecipient)
      throw new AppError('VALIDATION_ERROR', badRecipient, { errors: [{ field: 'to', message: 'must be an email address' }] });
    const secret = secretKeyIn(request.variables);
    if (secret) {
      throw new Error(
        `Email variable "${secret}" carries a secret and would be stored in the outbox: send "${request.template}" with sendNow`,
      );
    }
    // Rendering now turns a missing variable into the caller's error, not a silent queue failure.
    const rendered = renderer.render(request.template, request.variables);
    const id = newId();
    const now = deps.clock.now();
    const row = {
      id,
      channel: 'outbox' as const,
      template: request.template,
      toEmail: request.to,
      toName: request.toName ?? null,
      subject: rendered.subject,
      // jsonb cannot hold NUL characters, and an email has no use for them.
      variables: JSON.parse(JSON.stringify(request.variables), (_key, value: unknown) =>
        typeof value === 'string' ? value.replaceAll('\u0000', '') : value,
      ) as Record<string, unknown>,
      status: 'queued' as const,
      messageId: messageIdFor(id),
      organizationId: request.organizationId ?? null,
      relatedType: request.relatedType ?? null,
      relatedId: request.relatedId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    return { id, row };
  }

  async function dispatchQueued(tx: Executor, prepared: QueuedEmail): Promise<void> {
    const jobId = await sendingBoss.send(
      JOB_QUEUES.emailDelivery,
      { organization_id: prepared.row.organizationId ?? null },
      { ...deps.jobOptions, id: prepared.id, db: jobQueueTxDb(tx) },
    );
    if (jobId !== prepared.id) throw new Error(`The ${JOB_QUEUES.emailDelivery} queue is missing: run the database migrations`);
  }

  return {
    async sendNow(request) {
      try {
        return await sendNow(request);
      } catch (err) {
        logger.error({ err, template: request.template, to: request.to }, 'Sending an email failed unexpectedly');
        return { sent: false, error: 'Email could not be sent: internal error (see the email log)' };
      }
    },

    prepareQueued,
    dispatchQueued,

    async enqueue(tx, request) {
      const prepared = prepareQueued(request);
      await insertEmailMessage(tx, prepared.row);
      await dispatchQueued(tx, prepared);
      return { id: prepared.id };
    },

    registerOutcomeHandler(relatedType, handler) {
      if (deps.handlers.has(relatedType)) throw new Error(`An email outcome handler for "${relatedType}" is already registered`);
      deps.handlers.set(relatedType, handler);
    },

    registerAttachments(relatedType, provider) {
      if (deps.attachments.has(relatedType)) throw new Error(`An email attachment provider for "${relatedType}" is already registered`);
      deps.attachments.set(relatedType, provider);
    },
  };
}
