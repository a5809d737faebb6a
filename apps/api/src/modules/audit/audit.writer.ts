import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { redactSecrets } from '../../lib/redact';
import { logSecurityEvent, type AppLogger } from '../../lib/logger';
import { writePosting, type AuditAppend } from '../posting';
import { canonicalPayload, chainKeyFor, GENESIS_HASH, type AuditPayload } from './audit.chain';

export interface AuditActor {
  userId: string | null;
  email: string | null;
}

export interface AuditRequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEventInput {
  organizationId: string | null;
  actor: AuditActor | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  success?: boolean;
  details?: Record<string, unknown>;
  meta?: AuditRequestMeta;
}

export interface AuditWriter {
  /**
   * Appends one event inside the caller's transaction, so the event exists exactly when the
   * change it describes does. Secrets in `details` are redacted before they are stored.
   */
  record(tx: Executor, event: AuditEventInput): Promise<{ id: string; seq: number; hash: string }>;
  /**
   * The event as data for a posting the caller writes anyway (modules/posting), saving a round
   * trip. When the posting answers that nothing was audited (the chain's first event), the caller
   * calls `record` with the same event.
   */
  prepare(event: AuditEventInput): AuditAppend;
  /** As `record`, and also a `security` log line (the seed's `log_security_event`). */
  recordSecurityEvent(tx: Executor, event: AuditEventInput): Promise<{ id: string; seq: number; hash: string }>;
}

export interface AuditWriterDeps {
  securityLogger: AppLogger;
  newId: () => string;
  now?: () => Date;
}

export function createAuditWriter(deps: AuditWriterDeps): AuditWriter {
  const now = deps.now ?? (() => new Date());

  function prepare(event: AuditEventInput): AuditAppend {
    const payload: AuditPayload = {
      // Millisecond precision: exactly what the column keeps, so the hash can be recomputed.
      occurredAt: new Date(now().getTime()),
      organizationId: event.organizationId,
      actorUserId: event.actor?.userId ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.meta?.ip ?? null,
      userAgent: event.meta?.userAgent ? event.meta.userAgent.slice(0, 512) : null,
      success: event.success ?? true,
      details: redactSecrets(event.details ?? {}),
    };
    return { ...payload, id: deps.newId(), chainKey: chainKeyFor(payload.organizationId), text: canonicalPayload(payload) };
  }

  async function record(tx: Executor, event: AuditEventInput) {
    const prepared = prepare(event);
    // One round trip.
    let { audited } = await writePosting(tx, { audit: prepared });
    if (!audited) {
      // First event of this chain.
      await tx.execute(
        sql`INSERT INTO audit_chain_heads (chain_key, seq, last_hash) VALUES (${prepared.chainKey}, 0, ${GENESIS_HASH})
            ON CONFLICT (chain_key) DO NOTHING`,
      );
      ({ audited } = await writePosting(tx, { audit: prepared }));
    }
    if (!audited) throw new Error(`Could not append to audit chain ${prepared.chainKey}`);
    return { id: prepared.id, ...audited };
  }

  return {
    record,
    prepare,
    async recordSecurityEvent(tx, event) {
      const written = await record(tx, event);
      logSecurityEvent(deps.securityLogger, event.action, {
        userEmail: event.actor?.email,
        ip: event.meta?.ip,
        details: {
          organization_id: event.organizationId,
          target_type: event.targetType,
          target_id: event.targetId,
          success: event.success ?? true,
          ...redactSecrets(event.details ?? {}),
        },
      });
      return written;
    },
  };
}
