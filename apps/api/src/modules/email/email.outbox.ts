import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from '../../db/client';
import { CommitOutcomeUnknownError, contextFor, type RetryPolicy, type SessionManager, type TransactionOptions } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AppLogger } from '../../lib/logger';
import type { EmailMetrics } from './email.metrics';
import {
  lockEmailMessage,
  markEmailFailed,
  markEmailHandedOver,
  markEmailRetrying,
  markEmailSending,
  markEmailSent,
  type EmailMessageRow,
} from './email.repo';
import type { EmailAttachment, SmtpSender } from './email.smtp';
import { TemplateError, type RenderedEmail, type TemplateRenderer } from './email.templates';

/** What another module hears when one of its queued messages is finally sent or failed. */
export interface EmailOutcome {
  emailId: string;
  organizationId: string | null;
  relatedType: string;
  relatedId: string | null;
  status: 'sent' | 'failed';
  error: string | null;
  at: Date;
}

/** Runs inside the transaction that records the outcome (e.g. to set a voucher's `email_status`). */
export type EmailOutcomeHandler = (tx: Executor, outcome: EmailOutcome) => Promise<void>;

/** What an attachment provider is told of the queued message it makes files for. */
export interface AttachmentRequest {
  emailId: string;
  organizationId: string | null;
  relatedType: string;
  relatedId: string | null;
  variables: Record<string, unknown>;
}

/**
 * Makes the files a queued message carries (an invoice PDF) when the worker sends it, so the
 * outbox keeps which record, not the file, and the file shows the record as it is at sending.
 * Runs outside any transaction (it opens its own). Throw `AttachmentUnavailableError` when it
 * never can (the record is gone): the message fails at once; any other error is retried.
 */
export type AttachmentProvider = (request: AttachmentRequest) => Promise<EmailAttachment[]>;

export class AttachmentUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentUnavailableError';
  }
}

/** The pg-boss job of a queued message: its id is the message's id. */
export interface EmailJob {
  id: string;
  data: { organization_id: string | null };
  retryCount: number;
  retryLimit: number;
}

export type DeliveryVerdict =
  | { verdict: 'done' }
  | { verdict: 'sent' }
  | { verdict: 'failed'; error: string }
  /** Give the job back to pg-boss, which retries it later with backoff. */
  | { verdict: 'retry'; error: string };

/** What sending and delivering both work with. */
export interface EmailCoreDeps {
  sessions: SessionManager;
  sender: SmtpSender;
  renderer: TemplateRenderer;
  clock: Clock;
  logger: AppLogger;
  metrics: EmailMetrics;
  /** Outcome handlers by `relatedType`. */
  handlers: Map<string, EmailOutcomeHandler>;
  /** Attachment providers by `relatedType`. */
  attachments: Map<string, AttachmentProvider>;
}

export interface OutboxDeps extends EmailCoreDeps {
  /** How long a claimed message may be in the worker's hands (the job's expiry). */
  leaseMs: number;
  /**
   * The delivering worker (`email_workers.id`): claims are made in its name, and the message's final
   * dot is sent only after its hand-over is recorded while it still holds the row (email.liveness.ts).
   * Null: no liveness (a claim is then only protected by its lease).
   */
  workerId: string | null;
  /**
   * Retry policy for recording an outcome once the message is in the SMTP server's hands: kept
   * trying through a database outage of this length, so a short one does not leave a delivered
   * message `sending` until its lease expires and then send it again. Empty: the default policy.
   */
  recordRetry: Partial<RetryPolicy>;
}

/** The record policy for `EMAIL_RECORD_RETRY_SECONDS` (0: the sessions' default policy). */
export function recordRetryPolicy(seconds: number): Partial<RetryPolicy> {
  if (seconds <= 0) return {};
  return { maxRetries: 1_000, baseDelayMs: 100, maxDelayMs: 5_000, budgetMs: seconds * 1000 };
}

type Claim =
  | { kind: 'done' }
  | { kind: 'busy' }
  /** Settled without sending: recorded (with its outcome handler) in a transaction of its own. */
  | { kind: 'fail'; row: EmailMessageRow; error: string }
  | { kind: 'send'; row: EmailMessageRow; rendered: RenderedEmail };

/**
 * Delivers one queued message, at least once, always under the same Message-ID:
 * 1. claim: lock the row; `sent`/`failed` rows are done (a redelivered job); a `sending` row whose
 *    lease is still running belongs to another worker (the job is given back); a `sending` row whose
 *    lease has run out was cut off after its claim (the SMTP server may or may not have accepted
 *    it) and is sent again, logged as a possible duplicate. Otherwise mark it `sending`
 *    (attempts + 1, lease) and commit before any SMTP traffic.
 * 2. one SMTP attempt, outside any transaction; just before the message's final dot, the
 *    hand-over is recorded (committed) if this worker still holds the row; if another took it over
 *    meanwhile, the dot is withheld and the server discards the message.
 * 3. record the result (and call the outcome handler) in one transaction, if the row is still ours.
 * The window that cannot be closed: a crash between the hand-over and the commit of step 3 means
 * the outcome is unknown; such a message waits for its lease and is then sent a second time with
 * the same Message-ID, which mail systems and people recognise as the same message. Losing a
 * queued invoice would be worse. Any earlier crash, the worker's liveness makes another worker
 * take the message over within seconds (email.liveness.ts).
 */
export async function deliverQueuedEmail(deps: OutboxDeps, job: EmailJob): Promise<DeliveryVerdict> {
  const finalAttempt = job.retryCount >= job.retryLimit;
  const txOptions = { ...contextFor(job.data.organization_id ?? null), label: 'email.outbox' };

  const claim = await deps.sessions.transaction(async (tx): Promise<Claim> => {
    const row = await lockEmailMessage(tx, job.id);
    if (!row || row.status === 'sent' || row.status === 'failed') return { kind: 'done' };
    const now = deps.clock.now();
    // This worker's own earlier attempt that never reached the hand-over (withheld before the final
    // dot, then the database was unreachable to put the row back): nothing of it reached the SMTP
    // server, and that attempt is over (its job came back to this worker), so it is sent now rather
    // than after its lease.
    const ownWithheld = row.status === 'sending' && !!deps.workerId && row.workerId === deps.workerId && !row.handedOverAt;
    if (row.status === 'sending' && !ownWithheld) {
      if (row.leaseUntil && row.leaseUntil > now && !finalAttempt) return { kind: 'busy' };
      deps.logger.warn(
        { email_id: row.id, message_id: row.messageId, attempts: row.attempts, template: row.template },
        'Sending again a message whose earlier attempt was cut off (possible duplicate, same Message-ID)',
      );
    }
    let rendered: RenderedEmail;
    try {
      rendered = deps.renderer.render(row.template, row.variables ?? {});
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      return { kind: 'fail', row, error: err.message };
    }
    await markEmailSending(tx, row.id, now, new Date(now.getTime() + deps.leaseMs), deps.workerId);
    return { kind: 'send', row: { ...row, attempts: row.attempts + 1, workerId: deps.workerId }, rendered };
  }, txOptions);

  if (claim.kind === 'done') return { verdict: 'done' };
  if (claim.kind === 'busy') return { verdict: 'retry', error: 'Another worker is still delivering this message' };
  if (claim.kind === 'fail') {
    await finish(deps, claim.row, 'failed', claim.error, null, txOptions);
    return { verdict: 'failed', error: claim.error };
  }

  const { row, rendered } = claim;
  let attachments: EmailAttachment[] | undefined;
  try {
    attachments = await attachmentsOf(deps, row);
  } catch (err) {
    const error = `The attachment could not be made: ${err instanceof Error ? err.message : String(err)}`;
    deps.logger.warn({ err, email_id: row.id, template: row.template, related_type: row.relatedType }, error);
    if (finalAttempt || err instanceof AttachmentUnavailableError) {
      await finish(deps, row, 'failed', error, null, txOptions);
      return { verdict: 'failed', error };
    }
    return retryLater(deps, row, error, txOptions);
  }
  const workerId = deps.workerId;
  let takenOver = false;
  const handOver = workerId
    ? async () => {
        const held = await deps.sessions.transaction((tx) => markEmailHandedOver(tx, row.id, workerId, deps.clock.now()), txOptions);
        takenOver = !held;
        return held;
      }
    : undefined;
  const result = await deps.sender.attempt(
    { to: row.toEmail, toName: row.toName, messageId: row.messageId, ...rendered, attachments },
    { emailId: row.id, template: row.template, channel: 'outbox', attempt: row.attempts, maxAttempts: job.retryLimit + 1 },
    { beforeFinalDot: handOver },
  );
  if (takenOver) {
    // Presumed dead while it was sending (a stall): the message is another worker's now.
    deps.logger.warn({ email_id: row.id, message_id: row.messageId }, 'Email withheld: another worker took it over from this one');
    return { verdict: 'done' };
  }
  if (result.ok) {
    await finish(deps, row, 'sent', null, result.response, txOptions);
    return { verdict: 'sent' };
  }
  if ((result.failure.transient && !finalAttempt) || result.failure.kind === 'withheld') {
    return retryLater(deps, row, result.failure.message, txOptions);
  }
  await finish(deps, row, 'failed', result.failure.message, null, txOptions);
  return { verdict: 'failed', error: result.failure.message };
}

/** The files of the message's attachment provider (by its related type), if it has one. */
async function attachmentsOf(deps: OutboxDeps, row: EmailMessageRow): Promise<EmailAttachment[] | undefined> {
  const provider = row.relatedType ? deps.attachments.get(row.relatedType) : undefined;
  if (!provider || !row.relatedType) return undefined;
  return provider({
    emailId: row.id,
    organizationId: row.organizationId,
    relatedType: row.relatedType,
    relatedId: row.relatedId,
    variables: row.variables ?? {},
  });
}

/** A transient failure: the message goes back to the queue (if still this attempt's) for pg-boss to retry. */
async function retryLater(deps: OutboxDeps, row: EmailMessageRow, error: string, txOptions: TransactionOptions): Promise<DeliveryVerdict> {
  const retrying = await deps.sessions.transaction(async (tx) => {
    if (!(await stillHeld(tx, row))) return false;
    await markEmailRetrying(tx, row.id, deps.clock.now(), error);
    return true;
  }, txOptions);
  return retrying ? { verdict: 'retry', error } : { verdict: 'done' };
}

/** The row is still in this attempt's hands: `sending`, claimed by the same worker. */
async function stillHeld(tx: Executor, row: EmailMessageRow): Promise<boolean> {
  const current = await lockEmailMessage(tx, row.id);
  return !!current && current.status === 'sending' && current.workerId === row.workerId;
}

async function recordOutcome(
  deps: OutboxDeps,
  tx: Executor,
  row: EmailMessageRow,
  status: 'sent' | 'failed',
  error: string | null,
  smtpResponse: string | null,
  withHandler = true,
): Promise<void> {
  const at = deps.clock.now();
  if (status === 'sent') await markEmailSent(tx, row.id, at, smtpResponse);
  else await markEmailFailed(tx, row.id, at, error ?? 'failed');
  const handler = row.relatedType ? deps.handlers.get(row.relatedType) : undefined;
  if (withHandler && handler && row.relatedType) {
    const outcome = {
      emailId: row.id,
      organizationId: row.organizationId,
      relatedType: row.relatedType,
      relatedId: row.relatedId,
      status,
      error,
      at,
    };
    try {
      await handler(tx, outcome);
    } catch (err) {
      throw new OutcomeHandlerError(row.relatedType, err);
    }
  }
}

class OutcomeHandlerError extends Error {
  constructor(relatedType: string, cause: unknown) {
    super(`The email outcome handler for "${relatedType}" failed`, { cause });
    this.name = 'OutcomeHandlerError';
  }
}

/**
 * Records the final outcome. If the outcome handler throws, the outcome is still recorded
 * (without it) and the handler's failure is logged: a bug elsewhere must not leave a delivered
 * message looking undelivered. A commit whose outcome is unknown (the connection died while
 * committing) is tried again within the record-retry window: each try first looks whether the
 * row is already settled, so a commit that did go through is not recorded twice. Any other
 * failure (the database is gone for longer) is thrown: the row stays `sending`, and a later
 * attempt sends it again under the same Message-ID.
 */
async function finish(
  deps: OutboxDeps,
  row: EmailMessageRow,
  status: 'sent' | 'failed',
  error: string | null,
  smtpResponse: string | null,
  txOptions: TransactionOptions,
): Promise<void> {
  const recording = { ...txOptions, retry: deps.recordRetry };
  const record = (withHandler: boolean) =>
    deps.sessions.transaction(async (tx) => {
      const current = await lockEmailMessage(tx, row.id);
      if (current && (current.status === 'sent' || current.status === 'failed')) return;
      // Taken over by another worker (this one was presumed dead before it handed the message over):
      // the outcome of this attempt is not the message's.
      if (current && row.workerId && current.workerId !== row.workerId) return;
      await recordOutcome(deps, tx, row, status, error, smtpResponse, withHandler);
    }, recording);
  const until = Date.now() + (deps.recordRetry.budgetMs ?? 0);
  const recordSurvivingUnknownCommits = async (withHandler: boolean) => {
    for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
      try {
        return await record(withHandler);
      } catch (err) {
        if (!(err instanceof CommitOutcomeUnknownError) || Date.now() + wait > until) throw err;
        deps.logger.warn(
          { email_id: row.id, status, retry_in_ms: wait },
          'Recording an email outcome: the commit may not have happened; checking and recording again',
        );
        await sleep(wait);
      }
    }
  };
  try {
    await recordSurvivingUnknownCommits(true);
  } catch (err) {
    if (!(err instanceof OutcomeHandlerError)) throw err;
    deps.logger.error(
      { err: err.cause, email_id: row.id, related_type: row.relatedType, related_id: row.relatedId, status },
      `${err.message}; the outcome is recorded without it`,
    );
    await recordSurvivingUnknownCommits(false);
  }
  deps.metrics.count(status, 'outbox', row.template);
}
