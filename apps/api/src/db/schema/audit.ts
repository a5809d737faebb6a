import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations } from './accounts';

/**
 * Append-only. Rows form one hash chain per organisation (and one for the platform): each row's
 * hash covers the previous row's hash and its own content, so an edited or deleted row breaks
 * the chain that `npm run audit:verify` walks.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    chainKey: text().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    organizationId: uuid().references(() => organizations.id),
    actorUserId: uuid(),
    actorEmail: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    userAgent: text(),
    success: boolean().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_uq').on(t.chainKey, t.seq),
    index('audit_events_org_time_idx').on(t.organizationId, t.occurredAt),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorUserId),
    index('audit_events_action_idx').on(t.action),
  ],
);

/** The tip of each chain; appending locks this row, which orders concurrent writers. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chainKey: text().primaryKey(),
  seq: bigint({ mode: 'number' }).notNull(),
  lastHash: text().notNull(),
});
