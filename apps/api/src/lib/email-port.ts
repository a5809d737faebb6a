import type { EmailRequest, EmailService } from '../modules/email';

/**
 * The part of the email service (`deps.email`) the accounts area uses: direct sends for
 * messages carrying a secret, the transactional outbox for the rest.
 */
export type EmailPort = Pick<EmailService, 'sendNow' | 'enqueue'>;

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
