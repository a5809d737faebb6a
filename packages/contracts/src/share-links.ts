import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common';

/** How long a new share link lives, in days (default 7). */
export const SHARE_LINK_MAX_DAYS = 90;
export const SHARE_LINK_DEFAULT_DAYS = 7;

export const shareLinkCreateSchema = z
  .object({
    expires_in_days: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be 1 or more' })
      .max(SHARE_LINK_MAX_DAYS, { error: `must be at most ${SHARE_LINK_MAX_DAYS}` })
      .optional()
      .meta({ description: `Days until the link stops working (1 to ${SHARE_LINK_MAX_DAYS}, default ${SHARE_LINK_DEFAULT_DAYS})` }),
  })
  .meta({ id: 'ShareLinkCreate' });

export const SHARE_LINK_STATUSES = ['active', 'expired', 'revoked'] as const;

export const shareLinkSchema = z
  .object({
    id: z.string(),
    voucher_id: z.string(),
    status: z.enum(SHARE_LINK_STATUSES),
    expires_at: isoDateTimeSchema,
    created_at: isoDateTimeSchema,
    created_by_email: z.string().nullable(),
    revoked_at: isoDateTimeSchema.nullable(),
    can_revoke: z.boolean().meta({ description: 'Whether the caller may revoke it: whoever made it, and admins and org admins' }),
  })
  .meta({ id: 'ShareLink' });

/** A new link: the token (and the path that carries it) is shown this once; only its hash is kept. */
export const shareLinkCreatedSchema = shareLinkSchema
  .extend({
    token: z.string(),
    path: z.string().meta({ description: 'The public path of the PDF (`/api/v1/shared/<token>`): put it after the API origin' }),
  })
  .meta({ id: 'ShareLinkCreated' });

export const shareLinkListSchema = z.object({ items: z.array(shareLinkSchema) }).meta({ id: 'ShareLinkList' });

export const shareLinkParams = z.object({ id: uuidSchema, link_id: uuidSchema });

/** Any text up to 200 characters: a token that is not one is a 404 like an unknown one. */
export const sharedTokenParams = z.object({ token: z.string().max(200) });
