import type { EmailChannel, EmailStatus } from '@tritiq/contracts';
import { and, count, desc, eq, gte, ilike, inArray, lte, min, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { emailMessages } from '../../db/schema';

export type EmailMessageRow = typeof emailMessages.$inferSelect;
export type NewEmailMessage = typeof emailMessages.$inferInsert;

/** Whose messages a query may see: one organisation's, or (the super admin) the whole platform's. */
export type EmailScope = { organizationId: string } | 'platform';

export interface EmailMessageFilter {
  organizationId?: string;
  status?: EmailStatus;
  channel?: EmailChannel;
  template?: string;
  to?: string;
  relatedType?: string;
  relatedId?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

const PENDING: EmailStatus[] = ['queued', 'sending'];

export async function insertEmailMessage(db: Executor, row: NewEmailMessage): Promise<void> {
  await db.insert(emailMessages).values(row);
}

/** Locks the row for the caller's transaction: one worker at a time decides what to do with it. */
export async function lockEmailMessage(db: Executor, id: string): Promise<EmailMessageRow | undefined> {
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id)).for('update');
  return row;
}

export async function markEmailSending(db: Executor, id: string, now: Date, leaseUntil: Date, workerId: string | null): Promise<void> {
  await db
    .update(emailMessages)
    .set({
      status: 'sending',
      attempts: sql`${emailMessages.attempts} + 1`,
      lastAttemptAt: now,
      leaseUntil,
      workerId,
      handedOverAt: null,
      updatedAt: now,
    })
    .where(eq(emailMessages.id, id));
}

/**
 * Records that `workerId` is about to hand the message to the SMTP server, if it still holds it
 * (a `sending` row claimed by it). False when another worker took it over meanwhile: the caller
 * must not send the final dot. Runs under the row's lock, so it and a takeover never both win.
 */
export async function markEmailHandedOver(db: Executor, id: string, workerId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(emailMessages)
    .set({ handedOverAt: now, updatedAt: now })
    .where(and(eq(emailMessages.id, id), eq(emailMessages.workerId, workerId), eq(emailMessages.status, 'sending')))
    .returning({ id: emailMessages.id });
  return rows.length === 1;
}

export async function markEmailSent(db: Executor, id: string, now: Date, smtpResponse: string | null): Promise<void> {
  await db
    .update(emailMessages)
    .set({ status: 'sent', sentAt: now, smtpResponse, lastError: null, leaseUntil: null, updatedAt: now })
    .where(eq(emailMessages.id, id));
}

/** A transient failure: the message waits for its next attempt, held by nobody. */
export async function markEmailRetrying(db: Executor, id: string, now: Date, error: string): Promise<void> {
  await db
    .update(emailMessages)
    .set({ status: 'queued', lastError: error, leaseUntil: null, workerId: null, handedOverAt: null, updatedAt: now })
    .where(eq(emailMessages.id, id));
}

export async function markEmailFailed(db: Executor, id: string, now: Date, error: string): Promise<void> {
  await db
    .update(emailMessages)
    .set({ status: 'failed', failedAt: now, lastError: error, leaseUntil: null, updatedAt: now })
    .where(eq(emailMessages.id, id));
}

/** Marks the messages of jobs a worker just fetched as held by it (those still `queued`). */
export async function reserveEmailMessages(db: Executor, ids: string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(emailMessages)
    .set({ workerId })
    .where(and(inArray(emailMessages.id, ids), eq(emailMessages.status, 'queued')));
}

function scopeCondition(scope: EmailScope): SQL | undefined {
  return scope === 'platform' ? undefined : eq(emailMessages.organizationId, scope.organizationId);
}

function filterConditions(scope: EmailScope, f: EmailMessageFilter): SQL | undefined {
  return and(
    scopeCondition(scope),
    f.organizationId ? eq(emailMessages.organizationId, f.organizationId) : undefined,
    f.status ? eq(emailMessages.status, f.status) : undefined,
    f.channel ? eq(emailMessages.channel, f.channel) : undefined,
    f.template ? eq(emailMessages.template, f.template) : undefined,
    f.to ? ilike(emailMessages.toEmail, `%${f.to.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    f.relatedType ? eq(emailMessages.relatedType, f.relatedType) : undefined,
    f.relatedId ? eq(emailMessages.relatedId, f.relatedId) : undefined,
    f.createdFrom ? gte(emailMessages.createdAt, f.createdFrom) : undefined,
    f.createdTo ? lte(emailMessages.createdAt, f.createdTo) : undefined,
  );
}

/** Newest first. */
export async function findEmailMessages(
  db: Executor,
  scope: EmailScope,
  filter: EmailMessageFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EmailMessageRow[]; total: number }> {
  const where = filterConditions(scope, filter);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(emailMessages)
      .where(where)
      .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(emailMessages).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

export async function findEmailMessage(db: Executor, scope: EmailScope, id: string): Promise<EmailMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(emailMessages)
    .where(and(scopeCondition(scope), eq(emailMessages.id, id)));
  return row;
}

export interface OutboxStats {
  depth: number;
  oldestPendingAt: Date | null;
  sentSince: number;
  failedSince: number;
}

export async function getOutboxStats(db: Executor, since: Date): Promise<OutboxStats> {
  const pending = and(eq(emailMessages.channel, 'outbox'), inArray(emailMessages.status, PENDING));
  const [[queue], [sent], [failed]] = await Promise.all([
    db
      .select({ depth: count(), oldest: min(emailMessages.createdAt) })
      .from(emailMessages)
      .where(pending),
    db.select({ n: count() }).from(emailMessages).where(gte(emailMessages.sentAt, since)),
    db.select({ n: count() }).from(emailMessages).where(gte(emailMessages.failedAt, since)),
  ]);
  const oldest = queue?.oldest ?? null;
  return {
    depth: queue?.depth ?? 0,
    oldestPendingAt: oldest === null ? null : new Date(oldest),
    sentSince: sent?.n ?? 0,
    failedSince: failed?.n ?? 0,
  };
}
