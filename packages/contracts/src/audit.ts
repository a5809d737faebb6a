import { z } from 'zod';
import { isoDateTimeSchema } from './common';

/** Every action the accounts area writes to the audit trail (other areas add their own). */
export const ACCOUNT_AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.account_locked',
  'auth.logout',
  'auth.logout_everywhere',
  'auth.refresh_token_reused',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset_code_failed',
  'auth.password_reset_completed',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'user.password_reset',
  'user.password_reset_email',
  'organization.created',
  'organization.updated',
  'organization.suspended',
  'organization.reactivated',
  'organization.profile_updated',
  'organization.settings_updated',
  'platform.super_admin_created',
] as const;

export type AccountAuditAction = (typeof ACCOUNT_AUDIT_ACTIONS)[number];

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    occurred_at: isoDateTimeSchema,
    organization_id: z.uuid().nullable(),
    actor_user_id: z.uuid().nullable(),
    actor_email: z.string().nullable(),
    action: z.string(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    success: z.boolean(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });

export const listAuditEventsQuerySchema = z.object({
  action: z.string().trim().min(1).max(100).optional().describe('Exact action, or a prefix ending in "." (e.g. "auth.")'),
  actor_id: z.uuid({ error: 'must be a UUID' }).optional(),
  actor_email: z.string().trim().toLowerCase().min(1).max(254).optional(),
  from: isoDateTimeSchema.optional().describe('Events at or after this time'),
  to: isoDateTimeSchema.optional().describe('Events before this time'),
  organization_id: z.uuid({ error: 'must be a UUID' }).optional().describe('Super admin only: one organisation'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
});

export const auditEventPageSchema = z
  .object({ items: z.array(auditEventSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'AuditEventPage' });
