import type { Executor } from '../../db/client';
import { insertValuesSql, rawRows, SqlParams } from '../../db/raw';
import { emailMessages, stockLedger, voucherLines, vouchers } from '../../db/schema';
import type { Posting, PostingResult, StockWrite, AuditAppend } from './posting.types';

/**
 * The posting statement: a voucher's header and lines, its stock balances and ledger rows, its
 * audit event and its queued email's outbox row, written by one statement (one round trip) in the caller's transaction. The
 * names of its parts (`pv_*`) are private to this file. Written as text rather than with Drizzle's
 * builders: for five lines it has some 230 parameters, and building it was the API's main CPU cost
 * per voucher; the text depends only on which parts are present and how many rows each has, so it
 * stays one named prepared statement per shape (db/raw.ts). Foreign keys are checked at the end of
 * the statement, when the header is there.
 */
export async function writePosting(db: Executor, posting: Posting): Promise<PostingResult> {
  const params = new SqlParams();
  const parts: string[] = [];
  // The outbox row first: the voucher header names it (its foreign key is checked at the end of the statement anyway).
  if (posting.outbox) parts.push(`pv_outbox AS (${insertValuesSql(emailMessages, [posting.outbox], params)})`);
  if (posting.voucher) {
    parts.push(`pv_header AS (${insertValuesSql(vouchers, [posting.voucher.header], params)})`);
    if (posting.voucher.lines.length > 0) parts.push(`pv_lines AS (${insertValuesSql(voucherLines, posting.voucher.lines, params)})`);
  }
  const moves = posting.stock && posting.stock.write.balances.length > 0 ? posting.stock : undefined;
  if (moves) parts.push(...stockParts(params, moves.organizationId, moves.write));
  parts.push(...auditParts(params, posting.audit));
  const stockUpdated = moves ? '(SELECT count(*)::int FROM pv_stock)' : '0';
  const [row] = await rawRows<{ stock_updated: number | string; audit_seq: number | string | null; audit_hash: string | null }>(
    db,
    `WITH ${parts.join(', ')}
     SELECT ${stockUpdated} AS stock_updated, (SELECT seq FROM pv_audit) AS audit_seq, (SELECT hash FROM pv_audit) AS audit_hash`,
    params.values,
  );
  return {
    stockUpdated: Number(row!.stock_updated),
    audited: row!.audit_seq === null ? null : { seq: Number(row!.audit_seq), hash: row!.audit_hash! },
  };
}

/**
 * The balances, with one guarded UPDATE: a row whose stock would go below zero (when that is not
 * allowed) is left alone and not counted, which the caller treats as a refusal (and rolls back,
 * ledger rows included). Under the locks the caller took first the guard agrees with its plan; it
 * is there so no code path can ever write a negative balance by mistake. Then the ledger rows.
 */
function stockParts(params: SqlParams, organizationId: string, stock: StockWrite): string[] {
  const values = stock.balances.map(
    (b) => `(${params.add(b.productId)}::uuid, ${params.add(b.delta)}::numeric, ${params.add(b.ledgerSeq)}::bigint)`,
  );
  return [
    `pv_stock AS (
          UPDATE stock_balances s
             SET quantity = s.quantity + v.delta, ledger_seq = v.ledger_seq, updated_at = ${params.add(stock.now)}::timestamptz
            FROM (VALUES ${values.join(', ')}) AS v(product_id, delta, ledger_seq)
           WHERE s.organization_id = ${params.add(organizationId)} AND s.product_id = v.product_id
             AND (${params.add(stock.allowNegative)}::boolean OR s.quantity + v.delta >= 0)
       RETURNING s.product_id)`,
    `pv_moves AS (${insertValuesSql(stockLedger, stock.ledger, params)})`,
  ];
}

/**
 * The audit event appended to its organisation's hash chain: lock the chain head, advance it, and
 * insert the row hashed onto it. Without a head (the chain's first event) nothing is written and
 * `pv_audit` is empty: the caller creates the head and appends again.
 */
function auditParts(params: SqlParams, event: AuditAppend): string[] {
  const key = params.add(event.chainKey);
  return [
    `pv_chain AS (SELECT seq, last_hash FROM audit_chain_heads WHERE chain_key = ${key} FOR UPDATE)`,
    `pv_head AS (
          UPDATE audit_chain_heads h
             SET seq = pv_chain.seq + 1,
                 last_hash = encode(sha256(convert_to(pv_chain.last_hash || ${params.add(event.text)}::text, 'UTF8')), 'hex')
            FROM pv_chain
           WHERE h.chain_key = ${key}
       RETURNING h.seq, h.last_hash, pv_chain.last_hash AS prev_hash)`,
    `pv_audit AS (
        INSERT INTO audit_events (id, chain_key, seq, occurred_at, organization_id, actor_user_id, actor_email,
                                  action, target_type, target_id, ip, user_agent, success, details, prev_hash, hash)
        SELECT ${params.add(event.id)}, ${key}, pv_head.seq, ${params.add(event.occurredAt)}::timestamptz, ${params.add(event.organizationId)},
               ${params.add(event.actorUserId)}, ${params.add(event.actorEmail)}, ${params.add(event.action)}, ${params.add(event.targetType)},
               ${params.add(event.targetId)}, ${params.add(event.ip)}, ${params.add(event.userAgent)}, ${params.add(event.success)},
               ${params.add(JSON.stringify(event.details))}::jsonb, pv_head.prev_hash, pv_head.last_hash
          FROM pv_head
        RETURNING seq, hash)`,
  ];
}
