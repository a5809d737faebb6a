import type { SessionManager } from '../../db/session';
import { forbidden, validationError } from '../../lib/app-error';
import { isUuid } from '../../lib/ids';
import { tenantOf, type Principal } from '../../lib/principal';
import { findAuditEvents } from './audit.repo';

export interface AuditQuery {
  action?: string;
  actorId?: string;
  actorEmail?: string;
  from?: string;
  to?: string;
  organizationId?: string;
  limit: number;
  cursor?: string;
}

function encodeCursor(occurredAt: Date, id: string): string {
  return Buffer.from(`${occurredAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(occurredAt.getTime())) throw validationError('query.cursor', 'is not a cursor this API gave out');
  return { occurredAt, id };
}

/** The super admin reads every chain; org admins and admins only their organisation's. */
export async function listAuditEvents(sessions: SessionManager, principal: Principal, query: AuditQuery) {
  let organizationId: string | null;
  if (principal.role === 'super_admin') {
    organizationId = query.organizationId ?? null;
  } else {
    if (query.organizationId && query.organizationId !== principal.organizationId) {
      throw forbidden('organization_id selects another organisation: only the super admin can');
    }
    organizationId = principal.organizationId;
  }
  const rows = await sessions.transaction(
    (db) =>
      findAuditEvents(db, {
        organizationId,
        action: query.action,
        actorId: query.actorId,
        actorEmail: query.actorEmail,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      }),
    // The super admin reads on the platform connection; everyone else in their organisation's context.
    principal.role === 'super_admin'
      ? { platform: true, readOnly: true, label: 'audit.list' }
      : { organizationId: tenantOf(principal), readOnly: true, label: 'audit.list' },
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      organizationId: r.organizationId,
      actorUserId: r.actorUserId,
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      userAgent: r.userAgent,
      success: r.success,
      details: r.details,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null,
  };
}
