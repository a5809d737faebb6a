import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json';
import type { AuditAppend } from '../posting';

export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

/**
 * The fields a row's hash covers: everything stored except the chain bookkeeping itself (the row
 * the posting writes, `AuditAppend`, less its id, chain key and canonical text).
 */
export type AuditPayload = Omit<AuditAppend, 'id' | 'chainKey' | 'text'>;

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
