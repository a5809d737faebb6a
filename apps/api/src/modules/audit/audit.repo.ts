import { and, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditEvents } from '../../db/schema';

export interface AuditFilters {
  /** null: every organisation and the platform (super admin only). */
  organizationId: string | null;
  action?: string;
  actorId?: string;
  actorEmail?: string;
  from?: Date;
  to?: Date;
  after?: { occurredAt: Date; id: string };
  limit: number;
}

/** Newest first, keyset-paginated on (occurred_at, id) so deep pages stay fast. */
export async function findAuditEvents(db: Executor, filters: AuditFilters) {
  const conditions: SQL[] = [];
  if (filters.organizationId) conditions.push(eq(auditEvents.organizationId, filters.organizationId));
  if (filters.action) {
    conditions.push(
      filters.action.endsWith('.')
        ? like(auditEvents.action, `${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : eq(auditEvents.action, filters.action),
    );
  }
  if (filters.actorId) conditions.push(eq(auditEvents.actorUserId, filters.actorId));
  if (filters.actorEmail) conditions.push(sql`lower(${auditEvents.actorEmail}) = ${filters.actorEmail}`);
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.to) conditions.push(lt(auditEvents.occurredAt, filters.to));
  if (filters.after) {
    const { occurredAt, id } = filters.after;
    conditions.push(or(lt(auditEvents.occurredAt, occurredAt), and(eq(auditEvents.occurredAt, occurredAt), lt(auditEvents.id, id)))!);
  }
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(filters.limit + 1);
}
