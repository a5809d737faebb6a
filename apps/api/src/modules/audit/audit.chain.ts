import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

/** The fields a row's hash covers; everything stored except the chain bookkeeping itself. */
export interface AuditPayload {
  occurredAt: Date;
  organizationId: string | null;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  details: Record<string, unknown>;
}

export function canonicalPayload(p: AuditPayload): string {
  return canonicalJson({
    occurred_at: p.occurredAt.toISOString(),
    organization_id: p.organizationId,
    actor_user_id: p.actorUserId,
    actor_email: p.actorEmail,
    action: p.action,
    target_type: p.targetType,
    target_id: p.targetId,
    ip: p.ip,
    user_agent: p.userAgent,
    success: p.success,
    details: p.details,
  });
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256')
    .update(prevHash + payload, 'utf8')
    .digest('hex');
}

export function chainKeyFor(organizationId: string | null): string {
  return organizationId ?? PLATFORM_CHAIN;
}
