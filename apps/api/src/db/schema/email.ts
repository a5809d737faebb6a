import { EMAIL_CHANNELS, EMAIL_STATUSES } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations } from './accounts';

const instant = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * Every email the product sends, queued or direct. Queued (`outbox`) rows are written in the
 * transaction of the change that causes them and carry their template and (non-secret) variables
 * so the worker can render them; `direct` rows are the metadata of a message sent at once, which
 * may have carried a secret, so they never keep variables (the check below makes that a rule of
 * the table, not a habit of the code).
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid().references(() => organizations.id),
    channel: text({ enum: EMAIL_CHANNELS }).notNull(),
    template: text().notNull(),
    toEmail: text().notNull(),
    toName: text(),
    subject: text(),
    variables: jsonb().$type<Record<string, unknown>>(),
    status: text({ enum: EMAIL_STATUSES }).notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    smtpResponse: text(),
    /** The RFC 5322 Message-ID, fixed when the row is written, so a redelivery is recognisable. */
    messageId: text().notNull(),
    relatedType: text(),
    relatedId: text(),
    createdAt: instant().notNull(),
    updatedAt: instant().notNull(),
    lastAttemptAt: instant(),
    /** While `sending`: until when the worker that claimed the row may still be delivering it. */
    leaseUntil: instant(),
    /**
     * The worker (`email_workers.id`) holding the message: it fetched its job (still `queued`) or
     * claimed it (`sending`). Kept on `sent`/`failed` rows as the record of who settled them.
     */
    workerId: uuid(),
    /**
     * Set (by the holding worker, committed) just before the message's final `<CRLF>.<CRLF>` goes to
     * the SMTP server: from then on the server may have accepted it. A dead worker's `sending`
     * message without it was certainly not delivered and is taken over at once; with it, its
     * outcome is unknown and it waits for its lease (see email.liveness.ts).
     */
    handedOverAt: instant(),
    sentAt: instant(),
    failedAt: instant(),
  },
  (t) => [
    uniqueIndex('email_messages_message_id_uq').on(t.messageId),
    index('email_messages_org_created_idx').on(t.organizationId, t.createdAt),
    index('email_messages_created_idx').on(t.createdAt),
    index('email_messages_status_created_idx').on(t.status, t.createdAt),
    index('email_messages_related_idx').on(t.relatedType, t.relatedId),
    index('email_messages_sent_at_idx').on(t.sentAt),
    index('email_messages_failed_at_idx').on(t.failedAt),
    index('email_messages_worker_pending_idx')
      .on(t.workerId)
      .where(sql`${t.status} IN ('queued', 'sending') AND ${t.workerId} IS NOT NULL`),
    check('email_messages_direct_no_variables_ck', sql`${t.channel} = 'outbox' OR ${t.variables} IS NULL`),
    check('email_messages_status_ck', sql`${t.status} IN ('queued', 'sending', 'sent', 'failed')`),
    check('email_messages_channel_ck', sql`${t.channel} IN ('outbox', 'direct')`),
    check('email_messages_attempts_ck', sql`${t.attempts} >= 0`),
  ],
);

/**
 * Email workers alive now: each registers when it starts and beats every few seconds
 * (`EMAIL_WORKER_HEARTBEAT_SECONDS`). One whose beat is older than `EMAIL_WORKER_DEAD_AFTER_SECONDS`
 * (by the database's clock, so hosts need not agree on the time) is presumed dead and its messages
 * are taken over by another. A heartbeat rather than a session advisory lock: it needs no
 * dedicated connection, works through a transaction-pooling proxy and on the embedded database.
 */
export const emailWorkers = pgTable(
  'email_workers',
  {
    id: uuid().primaryKey(),
    host: text().notNull(),
    pid: integer().notNull(),
    startedAt: instant().notNull(),
    heartbeatAt: instant().notNull(),
  },
  (t) => [index('email_workers_heartbeat_idx').on(t.heartbeatAt)],
);
