import {
  emailAvailabilitySchema,
  emailMessageListQuerySchema,
  emailMessageListSchema,
  emailMessageParamsSchema,
  emailMessageSchema,
  emailSendResultSchema,
  emailServiceStatusSchema,
  emailTestRequestSchema,
  ROLES,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../lib/route';

/** Said to users when email is not configured: the SMTP_* settings are the platform's, not an organisation's. */
const EMAIL_CONFIGURE_HINT =
  "The platform administrator configures email in the server's SMTP settings (SMTP_HOST and the other SMTP_* variables) " +
  'and checks it under Admin → Email; until then emails stay queued and are sent once it is configured.';

const LOG_READERS = ['super_admin', 'org_admin', 'admin'] as const;

export function registerEmailRoutes(api: FastifyInstance, deps: AppDeps): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/email/messages',
    summary: 'The email log: your organisation’s messages (the super admin: every organisation’s), newest first',
    tags: ['email'],
    auth: { roles: LOG_READERS },
    query: emailMessageListQuerySchema,
    response: emailMessageListSchema,
    handler: ({ principal, query }) => deps.email.log.listMessages(principal, query),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/email/messages/:id',
    summary: 'One email of the log',
    tags: ['email'],
    auth: { roles: LOG_READERS },
    params: emailMessageParamsSchema,
    response: emailMessageSchema,
    handler: ({ principal, params }) => deps.email.log.getMessage(principal, params.id),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/email/availability',
    summary: 'Whether email can go out at all (SMTP configured); queued voucher emails wait until it is',
    tags: ['email'],
    auth: { roles: ROLES },
    response: emailAvailabilitySchema,
    handler: async () => ({ configured: deps.email.configured(), configureHint: EMAIL_CONFIGURE_HINT }),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/admin/email/status',
    summary: 'Email configuration problems, outbox depth and age, and last-24-hour counts',
    tags: ['email', 'admin'],
    auth: { roles: ['super_admin'] },
    response: emailServiceStatusSchema,
    handler: () => deps.email.status(),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/admin/email/test',
    summary: 'Send a test message through the configured SMTP server',
    tags: ['email', 'admin'],
    auth: { roles: ['super_admin'] },
    body: emailTestRequestSchema,
    response: emailSendResultSchema,
    handler: ({ principal, body }) => deps.email.sendTest(body.to, principal.email),
  });
}
