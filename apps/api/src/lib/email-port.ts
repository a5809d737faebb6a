import type { Executor } from '../db/client';
import type { AppLogger } from './logger';

/**
 * What the accounts area needs from the email service (TEAM-NOTES "Email interface"; issue 3
 * builds it as `deps.email`). Kept this narrow so the dependency is one seam.
 */
export interface EmailRequest {
  template: string;
  to: string;
  toName?: string;
  variables: Record<string, unknown>;
  organizationId?: string | null;
  relatedType?: string;
  relatedId?: string;
}

export interface EmailSendResult {
  sent: boolean;
  error: string | null;
}

export interface EmailPort {
  /** Direct send with a short retry; never throws. For secrets: only metadata is recorded. */
  sendNow(request: EmailRequest): Promise<EmailSendResult>;
  /** Durable outbox, inside the caller's transaction. */
  enqueue(tx: Executor, request: EmailRequest): Promise<{ id: string | null }>;
}

export const EMAIL_UNAVAILABLE = 'Email is not available: this build has no email service';

/**
 * Used only where no email service is wired: says so in every answer and log line instead of
 * pretending to send. Nothing is queued.
 */
export function createUnavailableEmail(logger: AppLogger): EmailPort {
  return {
    async sendNow(request) {
      logger.warn({ template: request.template, to: request.to, outcome: 'not_sent' }, EMAIL_UNAVAILABLE);
      return { sent: false, error: EMAIL_UNAVAILABLE };
    },
    async enqueue(_tx, request) {
      logger.warn({ template: request.template, to: request.to, outcome: 'not_queued' }, EMAIL_UNAVAILABLE);
      return { id: null };
    },
  };
}

/** A message to one user about their account (the email log links it to the user). */
export function emailToUser(
  user: { id: string; email: string; fullName: string; organizationId: string | null },
  template: string,
  variables: Record<string, unknown>,
): EmailRequest {
  return {
    template,
    to: user.email,
    toName: user.fullName,
    organizationId: user.organizationId,
    relatedType: 'user',
    relatedId: user.id,
    variables: { user_name: user.fullName, user_email: user.email, ...variables },
  };
}
