import { setTimeout as sleep } from 'node:timers/promises';
import type { EmailChannel } from '@tritiq/contracts';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Config } from '../../config';
import type { AppLogger } from '../../lib/logger';
import { checkSmtpConfig, notConfiguredMessage, type SmtpConfigCheck, type SmtpSettings } from './email.config';
import { describeSendError, type SendFailure } from './email.errors';
import { createFencedSender, WithheldError, type FencedSender } from './email.smtp-fenced';

export interface OutgoingEmail {
  to: string;
  toName?: string | null;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`; the same on every attempt, so a duplicate delivery is recognisable. */
  messageId: string;
  /** Files sent with it (an invoice PDF), made when the message is sent. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** What each attempt is logged with (never the body, which may carry a secret). */
export interface AttemptLabels {
  emailId: string;
  template: string;
  channel: EmailChannel;
  attempt: number;
  maxAttempts: number;
}

export type AttemptResult = { ok: true; response: string } | { ok: false; failure: SendFailure };

export interface AttemptOptions {
  /**
   * Called once the message is on its way and answered before its final `<CRLF>.<CRLF>` is sent
   * (the moment the server may accept it): true lets it go; false or a throw withholds it (the
   * connection is closed without the dot, so the server discards it) and the attempt fails with
   * kind `withheld`. The outbox records here, in the database, that the message is being handed
   * over, so that a worker that dies later is known to have possibly delivered it.
   */
  beforeFinalDot?: () => Promise<boolean>;
}

export interface DeliveryResult {
  sent: boolean;
  error: string | null;
  attempts: number;
  response: string | null;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

export interface SmtpSender {
  check(): SmtpConfigCheck;
  /** One attempt, logged; never throws. */
  attempt(message: OutgoingEmail, labels: AttemptLabels, options?: AttemptOptions): Promise<AttemptResult>;
  /** Attempts until sent, a permanent failure, or `policy.attempts`, backing off exponentially. */
  deliver(message: OutgoingEmail, labels: Omit<AttemptLabels, 'attempt' | 'maxAttempts'>, policy: RetryPolicy): Promise<DeliveryResult>;
  close(): void;
}

export interface SmtpSenderOptions {
  smtp: Config['smtp'];
  productName: string;
  poolSize: number;
  timeoutMs: number;
  logger: AppLogger;
}

function createTransport(settings: SmtpSettings, options: SmtpSenderOptions): Transporter {
  return nodemailer.createTransport(
    {
      pool: true,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.auth ?? undefined,
      maxConnections: options.poolSize,
      maxMessages: 100,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      logger: false,
      debug: false,
    },
    { from: { name: settings.fromName, address: settings.fromEmail } },
  );
}

export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const { logger } = options;
  const check = checkSmtpConfig(options.smtp, options.productName);
  let transport: Transporter | undefined;
  let fenced: FencedSender | undefined;

  /**
   * With a hand-over check, the message goes through the fenced sender (email.smtp-fenced.ts),
   * which releases its body only once the check said yes after the server accepted DATA; without
   * one, through nodemailer's pooled transport.
   */
  async function send(
    settings: SmtpSettings,
    message: OutgoingEmail,
    hooks: AttemptOptions,
  ): Promise<{ response: string } | { withheld: string }> {
    const mail = {
      from: { name: settings.fromName, address: settings.fromEmail },
      to: message.toName ? { name: message.toName, address: message.to } : message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      // RFC 3834: tells auto-responders not to answer an automated message.
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
    if (!hooks.beforeFinalDot) {
      transport ??= createTransport(settings, options);
      const info = await transport.sendMail(mail);
      return { response: String((info as { response?: unknown }).response ?? '') };
    }
    fenced ??= createFencedSender({ settings, maxConnections: options.poolSize, timeoutMs: options.timeoutMs });
    const node = new MailComposer(mail).compile();
    try {
      return { response: await fenced.send(node.getEnvelope(), await node.build(), hooks.beforeFinalDot) };
    } catch (err) {
      if (err instanceof WithheldError) return { withheld: err.reason };
      throw err;
    }
  }

  async function attempt(message: OutgoingEmail, labels: AttemptLabels, attemptOptions: AttemptOptions = {}): Promise<AttemptResult> {
    const fields = {
      email_id: labels.emailId,
      message_id: message.messageId,
      to: message.to,
      template: labels.template,
      channel: labels.channel,
      attempt: labels.attempt,
      max_attempts: labels.maxAttempts,
    };
    if (!check.ok) {
      const failure: SendFailure = { kind: 'not_configured', transient: false, message: notConfiguredMessage(check.problems) };
      logger.warn({ ...fields, outcome: 'failed', kind: failure.kind, error: failure.message }, 'Email not sent: email is not configured');
      return { ok: false, failure };
    }
    try {
      const sent = await send(check.settings, message, attemptOptions);
      if ('withheld' in sent) {
        const failure: SendFailure = { kind: 'withheld', transient: true, message: sent.withheld };
        logger.warn({ ...fields, outcome: 'withheld', error: failure.message }, `Email to ${message.to} not sent: ${failure.message}`);
        return { ok: false, failure };
      }
      const response = sent.response;
      logger.info({ ...fields, outcome: 'sent', smtp_response: response }, `Email sent to ${message.to}`);
      return { ok: true, response };
    } catch (err) {
      const failure = describeSendError(err, check.settings);
      logger.warn(
        { ...fields, outcome: 'failed', kind: failure.kind, transient: failure.transient, error: failure.message },
        `Email attempt ${labels.attempt} of ${labels.maxAttempts} failed: ${failure.message}`,
      );
      return { ok: false, failure };
    }
  }

  return {
    check: () => check,
    attempt,
    async deliver(message, labels, policy) {
      for (let n = 1; ; n++) {
        const result = await attempt(message, { ...labels, attempt: n, maxAttempts: policy.attempts });
        if (result.ok) return { sent: true, error: null, attempts: n, response: result.response };
        if (!result.failure.transient || n >= policy.attempts) {
          return { sent: false, error: result.failure.message, attempts: n, response: null };
        }
        const ceiling = policy.baseDelayMs * 2 ** (n - 1);
        await sleep(Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
      }
    },
    close() {
      transport?.close();
      transport = undefined;
      fenced?.close();
      fenced = undefined;
    },
  };
}
