import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rawRows, SqlParams } from '../../db/raw';
import { redactSecrets } from '../../lib/redact';
import { logSecurityEvent, type AppLogger } from '../../lib/logger';
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

/** An event ready to be appended by a caller's statement (see `AuditWriter.prepare`). */
export interface PreparedAuditEvent {
  id: string;
  /**
   * CTEs that lock the chain head, advance it and insert the row hashed onto it; the last,
   * `audit_row`, returns the row's `seq` and `hash`, and returns nothing when the chain has no
   * head yet (its first event): then append the event with `record` instead. Its values are
   * added to the statement's `params`.
   */
  ctes: (params: SqlParams) => string;
}

export interface AuditWriter {
  /**
   * Appends one event inside the caller's transaction, so the event exists exactly when the
   * change it describes does. Secrets in `details` are redacted before they are stored.
   */
  record(tx: Executor, event: AuditEventInput): Promise<{ id: string; seq: number; hash: string }>;
  /**
   * The event as CTEs for a statement the caller runs anyway, saving a round trip. The caller
   * must check `audit_row` answered a row, and call `record` with the same event when not.
   */
  prepare(event: AuditEventInput): PreparedAuditEvent;
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

  function prepare(event: AuditEventInput): PreparedAuditEvent {
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
    const id = deps.newId();
    const chainKey = chainKeyFor(payload.organizationId);
    const text = canonicalPayload(payload);
    // Lock the chain head, advance it, and insert the row hashed onto it.
    const ctes = (params: SqlParams) => {
      const key = params.add(chainKey);
      return `prev AS (
          SELECT seq, last_hash FROM audit_chain_heads WHERE chain_key = ${key} FOR UPDATE
        ), head AS (
          UPDATE audit_chain_heads h
             SET seq = prev.seq + 1,
                 last_hash = encode(sha256(convert_to(prev.last_hash || ${params.add(text)}::text, 'UTF8')), 'hex')
            FROM prev
           WHERE h.chain_key = ${key}
       RETURNING h.seq, h.last_hash, prev.last_hash AS prev_hash
        ), audit_row AS (
        INSERT INTO audit_events (id, chain_key, seq, occurred_at, organization_id, actor_user_id, actor_email,
                                  action, target_type, target_id, ip, user_agent, success, details, prev_hash, hash)
        SELECT ${params.add(id)}, ${key}, head.seq, ${params.add(payload.occurredAt)}::timestamptz, ${params.add(payload.organizationId)},
               ${params.add(payload.actorUserId)}, ${params.add(payload.actorEmail)}, ${params.add(payload.action)}, ${params.add(payload.targetType)},
               ${params.add(payload.targetId)}, ${params.add(payload.ip)}, ${params.add(payload.userAgent)}, ${params.add(payload.success)},
               ${params.add(JSON.stringify(payload.details))}::jsonb, head.prev_hash, head.last_hash
          FROM head
        RETURNING seq, hash
        )`;
    };
    return { id, ctes };
  }

  async function record(tx: Executor, event: AuditEventInput) {
    const { id, ctes } = prepare(event);
    const chainKey = chainKeyFor(event.organizationId);
    // One round trip.
    const append = () => {
      const params = new SqlParams();
      return rawRows<{ seq: number | string; hash: string }>(tx, `WITH ${ctes(params)} SELECT seq, hash FROM audit_row`, params.values);
    };
    let rows = await append();
    if (rows.length === 0) {
      // First event of this chain.
      await tx.execute(
        sql`INSERT INTO audit_chain_heads (chain_key, seq, last_hash) VALUES (${chainKey}, 0, ${GENESIS_HASH})
            ON CONFLICT (chain_key) DO NOTHING`,
      );
      rows = await append();
    }
    const row = rows[0];
    if (!row) throw new Error(`Could not append to audit chain ${chainKey}`);
    return { id, seq: Number(row.seq), hash: row.hash };
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
