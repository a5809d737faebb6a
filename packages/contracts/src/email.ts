import { z } from 'zod';

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export const emailStatusSchema = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof emailStatusSchema>;

/** `outbox`: queued and delivered by the worker; `direct`: sent at once (secrets), metadata only. */
export const EMAIL_CHANNELS = ['outbox', 'direct'] as const;
export const emailChannelSchema = z.enum(EMAIL_CHANNELS);
export type EmailChannel = z.infer<typeof emailChannelSchema>;

/** The seed's send contract: every send reports success or a specific reason, and never throws. */
export const emailSendResultSchema = z.object({ sent: z.boolean(), error: z.string().nullable() }).meta({ id: 'EmailSendResult' });

export const emailTestRequestSchema = z
  .object({ to: z.email({ error: 'must be an email address' }).max(320) })
  .meta({ id: 'EmailTestRequest' });

export const emailMessageSchema = z
  .object({
    id: z.uuid(),
    organization_id: z.uuid().nullable(),
    channel: emailChannelSchema,
    template: z.string(),
    to_email: z.string(),
    to_name: z.string().nullable(),
    subject: z.string().nullable(),
    status: emailStatusSchema,
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    message_id: z.string(),
    related_type: z.string().nullable(),
    related_id: z.string().nullable(),
    created_at: z.iso.datetime(),
    last_attempt_at: z.iso.datetime().nullable(),
    sent_at: z.iso.datetime().nullable(),
    failed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'EmailMessage' });

/** Free text of a filter; PostgreSQL refuses NUL in text, so control characters are refused here (422). */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !/\p{Cc}/u.test(value), { error: 'must not contain control characters' });

const pageNumber = z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' });

// No schema id: query-string schemas are expanded into parameters in the OpenAPI document.
export const emailMessageListQuerySchema = z.object({
  status: emailStatusSchema.optional(),
  channel: emailChannelSchema.optional(),
  template: filterText(100).optional(),
  to: filterText(320).optional().describe('Part of the recipient address'),
  related_type: filterText(100).optional(),
  related_id: filterText(100).optional(),
  organization_id: z.uuid({ error: 'must be a UUID' }).optional().describe('Super admin only'),
  created_from: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).optional(),
  created_to: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).optional(),
  page: pageNumber.min(1, { error: 'must be at least 1' }).default(1),
  page_size: pageNumber.min(1, { error: 'must be at least 1' }).max(200, { error: 'must be at most 200' }).default(50),
});

export const emailMessageListSchema = z
  .object({
    items: z.array(emailMessageSchema),
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
  })
  .meta({ id: 'EmailMessageList' });

export const emailMessageParamsSchema = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export const emailServiceStatusSchema = z
  .object({
    configured: z.boolean(),
    problems: z.array(z.string()).describe('Each configuration problem, naming its variable'),
    smtp: z
      .object({ host: z.string(), port: z.number().int(), secure: z.boolean(), from_email: z.string(), from_name: z.string() })
      .nullable(),
    worker: z.object({ in_process: z.boolean(), running: z.boolean() }),
    outbox: z.object({
      depth: z.number().int().describe('Queued messages not yet sent or failed'),
      oldest_pending_age_seconds: z.number().nullable(),
    }),
    last_day: z.object({ sent: z.number().int(), failed: z.number().int() }).describe('Sent and failed in the last 24 hours'),
  })
  .meta({ id: 'EmailServiceStatus' });

/** For every signed-in user: whether queued mail can go out at all, and who can make it so. */
export const emailAvailabilitySchema = z
  .object({
    configured: z.boolean(),
    configure_hint: z.string().describe('Where email is configured and by whom, for a message in the app'),
  })
  .meta({ id: 'EmailAvailability' });

export type EmailSendResult = z.infer<typeof emailSendResultSchema>;
export type EmailMessage = z.infer<typeof emailMessageSchema>;
export type EmailMessageListQuery = z.infer<typeof emailMessageListQuerySchema>;
export type EmailServiceStatus = z.infer<typeof emailServiceStatusSchema>;
export type EmailAvailability = z.infer<typeof emailAvailabilitySchema>;
