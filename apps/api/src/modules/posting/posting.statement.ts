import type { Executor } from '../../db/client';
import { dbErrorInfo } from '../../db/errors';
import { insertValuesParams, insertValuesSql, rawRows, rawRowsThenCommit, SqlParams } from '../../db/raw';
import { billAllocations, bills, emailMessages, stockLedger, voucherLedgerLines, voucherLines, vouchers } from '../../db/schema';
import type {
  AllocationWrite,
  AuditAppend,
  BillWrite,
  IdempotencyWrite,
  LedgerWrite,
  Posting,
  PostingOptions,
  PostingResult,
  StockWrite,
} from './posting.types';

/**
 * A posting that commits with its statement had a part not applied as planned, so the statement
 * failed and nothing was written. `stock`: a guarded balance was left alone (stock ran out).
 */
export class PostingNotAppliedError extends Error {
  constructor(
    readonly part: 'stock',
    options?: { cause?: unknown },
  ) {
    super(`The posting's ${part} part was not applied as planned`, options);
    this.name = 'PostingNotAppliedError';
  }
}

interface PostingAnswer {
  stock_updated: number | string;
  audit_seq: number | string | null;
  audit_hash: string | null;
  allocated_bills: number | string;
  released_allocations: number | string;
}

/**
 * The posting statement: a voucher's header and lines, its stock balances and ledger rows, its
 * ledger entries with their day and month totals, its bill, its audit event and its queued email's outbox
 * row, written by one statement (one round trip) in the caller's transaction. The
 * names of its parts (`pv_*`) are private to this file. Written as text rather than with Drizzle's
 * builders: for five lines it has some 230 parameters, and building it was the API's main CPU cost
 * per voucher; the text depends only on which parts are present and how many rows each has, so it
 * is built once per shape (`postingStatement`) and stays one named prepared statement per shape
 * (db/raw.ts). Foreign keys are checked at the end of the statement, when the header is there.
 */
export async function writePosting(db: Executor, posting: Posting, options: PostingOptions = {}): Promise<PostingResult> {
  const chainKey = posting.audit.chainKey;
  // Committing with the statement needs the audit chain's head: known once a posting of this
  // process appended to the chain (the organisation's first event creates it, on the ordinary path).
  const checked = options.commit === true && chainsWithHead.has(chainKey);
  const { text, values } = postingStatement(posting, checked);
  let row: PostingAnswer | undefined;
  let committed = false;
  try {
    if (checked)
      ({
        rows: [row],
        committed,
      } = await rawRowsThenCommit<PostingAnswer>(db, text, values));
    else [row] = await rawRows<PostingAnswer>(db, text, values);
  } catch (err) {
    const info = dbErrorInfo(err);
    if (info.pgCode === STOCK_CHECK_CODE && info.detail === 'stock') throw new PostingNotAppliedError('stock', { cause: err });
    // The head is gone after all (a test's reset, say): forget it; the retry takes the ordinary path.
    if (info.pgCode === AUDIT_CHECK_CODE && info.detail === 'audit') chainsWithHead.delete(chainKey);
    throw err;
  }
  if (row!.audit_seq !== null) rememberChainHead(chainKey);
  return {
    stockUpdated: Number(row!.stock_updated),
    audited: row!.audit_seq === null ? null : { seq: Number(row!.audit_seq), hash: row!.audit_hash! },
    allocatedBills: Number(row!.allocated_bills),
    releasedAllocations: Number(row!.released_allocations),
    committed,
  };
}

/** The statement's own checks fail it with these SQLSTATEs (migration 0025): out of stock, and no chain head (40001: the transaction is retried). */
const STOCK_CHECK_CODE = 'TQ001';
const AUDIT_CHECK_CODE = '40001';

/** Audit chains seen with a head (never removed in use: a chain only grows). Bounded; forgetting one only costs the ordinary path. */
const MAX_CHAINS = 10_000;
const chainsWithHead = new Set<string>();
function rememberChainHead(chainKey: string): void {
  if (chainsWithHead.has(chainKey)) return;
  if (chainsWithHead.size >= MAX_CHAINS) chainsWithHead.clear();
  chainsWithHead.add(chainKey);
}

/** How many statement texts are kept by shape (as many as db/raw.ts names): beyond them the text is built each time. */
const MAX_SHAPES = 200;
const textByShape = new Map<string, string>();

/**
 * The statement for this posting: its values collected (`postingValues`) and its text built only
 * the first time its shape is seen (`postingText`), then reused, the same string, so the prepared
 * statement's name is found without hashing the text again. Building the text of a five-line
 * voucher (some 15,000 characters, 300 parameters) per posting was a tenth of the API's CPU per
 * voucher. The two walks must agree: each new shape's text is checked to bind exactly as many
 * parameters as were collected, and the tests compare the two walks' values over every part.
 */
export function postingStatement(posting: Posting, checked = false): { text: string; values: unknown[] } {
  const { shape, values } = postingValues(posting, checked);
  let text = textByShape.get(shape);
  if (text === undefined) {
    const built = postingText(posting, checked);
    if (built.values.length !== values.length) {
      throw new Error(`posting statement: the text binds ${built.values.length} parameters, ${values.length} were collected`);
    }
    text = built.text;
    if (textByShape.size < MAX_SHAPES) textByShape.set(shape, text);
  }
  return { text, values };
}

/** The statement's text and its values, built in full (run once per shape; the tests compare it with `postingValues`). */
export function postingText(posting: Posting, checked = false): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const text = buildText(params, posting, checked);
  return { text, values: params.values };
}

/**
 * The statement's values, in the order its text binds them, and its shape: everything the text
 * depends on (which parts, which kind of each, how many rows, which inserted cells are DEFAULT),
 * never a value.
 */
export function postingValues(posting: Posting, checked = false): { shape: string; values: unknown[] } {
  const params = new SqlParams();
  const shape = (checked ? 'c' : '') + collectValues(params, posting);
  return { shape, values: params.values };
}

/**
 * The statement's text, with its values in `params`. `checked`: it also checks what the caller
 * would otherwise check in its answer (see `PostingOptions.commit`), failing when a check does not hold.
 */
function buildText(params: SqlParams, posting: Posting, checked: boolean): string {
  const parts: string[] = [];
  // The outbox row first: the voucher header names it (its foreign key is checked at the end of the statement anyway).
  if (posting.outbox) parts.push(`pv_outbox AS (${insertValuesSql(emailMessages, [posting.outbox], params)})`);
  if (posting.voucher) {
    parts.push(`pv_header AS (${insertValuesSql(vouchers, [posting.voucher.header], params)})`);
    if (posting.voucher.lines.length > 0) parts.push(`pv_lines AS (${insertValuesSql(voucherLines, posting.voucher.lines, params)})`);
    const ledgerLines = posting.voucher.ledgerLines ?? [];
    if (ledgerLines.length > 0) parts.push(`pv_ledger_lines AS (${insertValuesSql(voucherLedgerLines, ledgerLines, params)})`);
  }
  const moves = stockMoves(posting);
  if (moves) parts.push(...stockParts(params, moves.organizationId, moves.write));
  parts.push(...auditParts(params, posting.audit));
  // After the audit parts: the day and month totals wait for the chain head (see ledgerParts).
  if (posting.ledger) parts.push(...ledgerParts(params, posting.ledger.organizationId, posting.ledger.write));
  if (posting.bill) parts.push(billPart(params, posting.bill.organizationId, posting.bill.write));
  const allocation = posting.allocations
    ? allocationParts(params, posting.allocations.organizationId, posting.allocations.write)
    : undefined;
  if (allocation) parts.push(...allocation.parts);
  if (posting.idempotency) parts.push(idempotencyPart(params, posting.idempotency));
  const stockUpdated = moves ? '(SELECT count(*)::int FROM pv_stock)' : '0';
  const checks = checked
    ? [
        `tritiq_posting_check(${moves ? `(SELECT count(*) FROM pv_stock) = ${moves.write.balances.length}` : 'true'}, 'stock', '${STOCK_CHECK_CODE}')`,
        `tritiq_posting_check(EXISTS (SELECT 1 FROM pv_audit), 'audit', '${AUDIT_CHECK_CODE}')`,
        ...(posting.idempotency ? [`tritiq_posting_check((SELECT count(*) FROM pv_idempotency) = 1, 'idempotency', 'TQ002')`] : []),
      ]
    : [];
  return `WITH ${parts.join(', ')}
     SELECT ${stockUpdated} AS stock_updated, (SELECT seq FROM pv_audit) AS audit_seq, (SELECT hash FROM pv_audit) AS audit_hash,
            ${allocation?.allocatedBills ?? '0'} AS allocated_bills, ${allocation?.released ?? '0'} AS released_allocations${checks.map((c, i) => `, ${c} AS check_${i + 1}`).join('')}`;
}

/** The request's idempotency key, claimed earlier in this transaction, now naming the voucher. */
function idempotencyPart(params: SqlParams, write: IdempotencyWrite): string {
  return `pv_idempotency AS (
        UPDATE idempotency_keys SET voucher_id = ${params.add(write.voucherId)}::uuid
         WHERE organization_id = ${params.add(write.organizationId)}::uuid AND scope = ${params.add(write.scope)} AND key = ${params.add(write.key)}
     RETURNING 1)`;
}

const stockMoves = (posting: Posting) => (posting.stock && posting.stock.write.balances.length > 0 ? posting.stock : undefined);

/** `postingValues`: each part below mirrors its builder further down, in the order `buildText` binds them. */
function collectValues(params: SqlParams, posting: Posting): string {
  let shape = '';
  if (posting.outbox) shape += `o${insertValuesParams(emailMessages, [posting.outbox], params)}`;
  if (posting.voucher) {
    shape += `h${insertValuesParams(vouchers, [posting.voucher.header], params)}`;
    if (posting.voucher.lines.length > 0) shape += `l${insertValuesParams(voucherLines, posting.voucher.lines, params)}`;
    const ledgerLines = posting.voucher.ledgerLines ?? [];
    if (ledgerLines.length > 0) shape += `L${insertValuesParams(voucherLedgerLines, ledgerLines, params)}`;
  }
  const moves = stockMoves(posting);
  if (moves) {
    // stockParts: the organisation, each balance's six values, the date, the time, the negative-stock switch, the ledger rows.
    const stock = moves.write;
    params.push(moves.organizationId);
    for (const b of stock.balances) {
      params.push(b.productId);
      params.push(b.delta);
      params.push(b.ledgerSeq);
      params.push(b.averageCost);
      params.push(b.value);
      params.push(b.valueDelta);
    }
    params.push(stock.date);
    params.push(stock.now);
    params.push(stock.allowNegative);
    shape += `s${stock.balances.length}m${insertValuesParams(stockLedger, stock.ledger, params)}`;
  }
  // auditParts
  const event = posting.audit;
  params.push(event.chainKey);
  params.push(event.text);
  params.push(event.id);
  params.push(event.occurredAt);
  params.push(event.organizationId);
  params.push(event.actorUserId);
  params.push(event.actorEmail);
  params.push(event.action);
  params.push(event.targetType);
  params.push(event.targetId);
  params.push(event.ip);
  params.push(event.userAgent);
  params.push(event.success);
  params.push(JSON.stringify(event.details));
  if (posting.ledger) {
    // ledgerParts
    const ledger = posting.ledger.write;
    params.push(posting.ledger.organizationId);
    if (ledger.kind === 'entries') {
      for (const e of ledger.entries) {
        const a = e.account;
        params.push('ledgerId' in a ? a.ledgerId : null);
        params.push('systemKey' in a ? a.systemKey : null);
        params.push('partyId' in a ? a.partyId : null);
        params.push(e.amount);
      }
      params.push(ledger.voucherId);
      params.push(ledger.date);
      shape += `e${ledger.entries.length}`;
    } else {
      params.push(ledger.voucherId);
      shape += 'r';
    }
  }
  if (posting.bill) {
    // billPart
    const bill = posting.bill.write;
    if (bill.kind === 'insert') shape += `b${insertValuesParams(bills, [bill.row], params)}`;
    else {
      params.push(bill.at);
      params.push(posting.bill.organizationId);
      params.push(bill.voucherId);
      shape += 'B';
    }
  }
  if (posting.allocations) {
    // allocationParts: the organisation is bound where the text first uses it.
    const write = posting.allocations.write;
    const org = posting.allocations.organizationId;
    if (write.kind === 'release') {
      params.push(write.at);
      params.push(org);
      params.push(write.voucherId);
      shape += 'R';
    } else {
      let orgBound = false;
      if (write.releaseIds.length > 0) {
        for (const id of write.releaseIds) params.push(id);
        params.push(write.at);
        params.push(org);
        orgBound = true;
      }
      shape += `a${write.releaseIds.length}`;
      if (write.rows.length > 0) shape += `A${insertValuesParams(billAllocations, write.rows, params)}`;
      if (write.bills.length > 0) {
        for (const b of write.bills) {
          params.push(b.billId);
          params.push(b.amount);
        }
        if (!orgBound) params.push(org);
        shape += `u${write.bills.length}`;
      }
    }
  }
  if (posting.idempotency) {
    // idempotencyPart
    const write = posting.idempotency;
    params.push(write.voucherId);
    params.push(write.organizationId);
    params.push(write.scope);
    params.push(write.key);
    shape += 'k';
  }
  return shape;
}

/**
 * The balances, with one guarded UPDATE: a row whose stock would go below zero (when that is not
 * allowed) is left alone and not counted, which the caller treats as a refusal (and rolls back,
 * ledger rows included). Under the locks the caller took first the guard agrees with its plan; it
 * is there so no code path can ever write a negative balance by mistake. Then the ledger rows, and
 * the products' value day and month totals.
 */
function stockParts(params: SqlParams, organizationId: string, stock: StockWrite): string[] {
  const org = params.add(organizationId);
  const values = stock.balances.map(
    (b) =>
      `(${params.add(b.productId)}::uuid, ${params.add(b.delta)}::numeric, ${params.add(b.ledgerSeq)}::bigint, ` +
      `${params.add(b.averageCost)}::numeric, ${params.add(b.value)}::numeric, ${params.add(b.valueDelta)}::numeric)`,
  );
  const moves = `(VALUES ${values.join(', ')}) AS v(product_id, delta, ledger_seq, average_cost, value, value_delta)`;
  const date = `${params.add(stock.date)}::date`;
  return [
    `pv_stock AS (
          UPDATE stock_balances s
             SET quantity = s.quantity + v.delta, ledger_seq = v.ledger_seq, average_cost = v.average_cost, value = v.value,
                 updated_at = ${params.add(stock.now)}::timestamptz
            FROM ${moves}
           WHERE s.organization_id = ${org} AND s.product_id = v.product_id
             AND (${params.add(stock.allowNegative)}::boolean OR s.quantity + v.delta >= 0)
       RETURNING s.product_id)`,
    `pv_moves AS (${insertValuesSql(stockLedger, stock.ledger, params)})`,
    // The products' stock rows are locked by the caller, so no other posting touches these day rows meanwhile.
    `pv_stock_days AS (
          INSERT INTO stock_value_day_totals AS t (organization_id, product_id, entry_date, quantity_change, value_change)
          SELECT ${org}::uuid, v.product_id, ${date}, v.delta, v.value_delta FROM ${moves}
          ON CONFLICT (organization_id, product_id, entry_date)
          DO UPDATE SET quantity_change = t.quantity_change + excluded.quantity_change, value_change = t.value_change + excluded.value_change)`,
    `pv_stock_months AS (
          INSERT INTO stock_value_month_totals AS t (organization_id, product_id, month, quantity_change, value_change)
          SELECT ${org}::uuid, v.product_id, date_trunc('month', ${date})::date, v.delta, v.value_delta FROM ${moves}
          ON CONFLICT (organization_id, product_id, month)
          DO UPDATE SET quantity_change = t.quantity_change + excluded.quantity_change, value_change = t.value_change + excluded.value_change)`,
  ];
}

/**
 * The entries, each to the ledger its reference names (looked up here, by the indexes on system
 * key and party, so resolving them costs no round trip; a ledger that is not there leaves the
 * NOT NULL column empty and fails the statement rather than posting less), or the reverse of the
 * voucher's own entries. Then the day and month totals of the ledgers and dates they touched,
 * upserted. Every posting locks its organisation's audit chain head first (`pv_chain`); the totals'
 * inserts read it before they write (an init plan, run before the first row), so two postings of
 * one organisation never hold total rows at once, and each takes its rows in key order besides.
 */
function ledgerParts(params: SqlParams, organizationId: string, ledger: LedgerWrite): string[] {
  const org = `${params.add(organizationId)}::uuid`;
  let entries: string;
  if (ledger.kind === 'entries') {
    if (ledger.entries.length === 0) throw new Error('A ledger posting needs entries');
    const values = ledger.entries.map((e, i) => {
      const a = e.account;
      const cells = [
        `${i + 1}`,
        `${params.add('ledgerId' in a ? a.ledgerId : null)}::uuid`,
        `${params.add('systemKey' in a ? a.systemKey : null)}::text`,
        `${params.add('partyId' in a ? a.partyId : null)}::uuid`,
        `${params.add(e.amount)}::numeric`,
      ];
      return `(${cells.join(', ')})`;
    });
    entries = `INSERT INTO ledger_entries (organization_id, voucher_id, is_reversal, line_no, ledger_id, entry_date, amount)
        SELECT ${org}, ${params.add(ledger.voucherId)}::uuid, false, v.line_no,
               coalesce(v.ledger_id,
                        (SELECT l.id FROM ledgers l WHERE l.organization_id = ${org} AND l.system_key = v.system_key),
                        (SELECT l.id FROM ledgers l WHERE l.organization_id = ${org} AND l.party_id = v.party_id)),
               ${params.add(ledger.date)}::date, v.amount
          FROM (VALUES ${values.join(', ')}) AS v(line_no, ledger_id, system_key, party_id, amount)
        RETURNING ledger_id, entry_date, amount`;
  } else {
    entries = `INSERT INTO ledger_entries (organization_id, voucher_id, is_reversal, line_no, ledger_id, entry_date, amount)
        SELECT e.organization_id, e.voucher_id, true, e.line_no, e.ledger_id, e.entry_date, -e.amount
          FROM ledger_entries e
         WHERE e.organization_id = ${org} AND e.voucher_id = ${params.add(ledger.voucherId)}::uuid AND NOT e.is_reversal
        RETURNING ledger_id, entry_date, amount`;
  }
  return [
    `pv_entries AS (${entries})`,
    `pv_day_totals AS (
        INSERT INTO ledger_day_totals AS t (organization_id, ledger_id, entry_date, debit, credit)
        SELECT ${org}, e.ledger_id, e.entry_date,
               coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0), coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0)
          FROM pv_entries e
         WHERE (SELECT count(*) FROM pv_chain) >= 0
         GROUP BY e.ledger_id, e.entry_date
         ORDER BY e.ledger_id, e.entry_date
        ON CONFLICT (organization_id, ledger_id, entry_date)
        DO UPDATE SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit)`,
    `pv_month_totals AS (
        INSERT INTO ledger_month_totals AS t (organization_id, ledger_id, month, debit, credit)
        SELECT ${org}, e.ledger_id, date_trunc('month', e.entry_date)::date,
               coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0), coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0)
          FROM pv_entries e
         WHERE (SELECT count(*) FROM pv_chain) >= 0
         GROUP BY e.ledger_id, date_trunc('month', e.entry_date)::date
         ORDER BY e.ledger_id, date_trunc('month', e.entry_date)::date
        ON CONFLICT (organization_id, ledger_id, month)
        DO UPDATE SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit)`,
  ];
}

/** The invoice's bill, or its cancellation (the caller has checked that nothing is allocated to it). */
function billPart(params: SqlParams, organizationId: string, bill: BillWrite): string {
  if (bill.kind === 'insert') return `pv_bill AS (${insertValuesSql(bills, [bill.row], params)})`;
  return `pv_bill AS (
        UPDATE bills SET cancelled_at = ${params.add(bill.at)}::timestamptz
         WHERE organization_id = ${params.add(organizationId)}::uuid AND voucher_id = ${params.add(bill.voucherId)}::uuid)`;
}

/**
 * Bills settled (allocation rows in, outstanding down by a guarded update, replaced on-account rows
 * released) or a voucher's settlements undone (its live rows released, their amounts given back to
 * their bills). The bills are locked by the caller, in id order, before this statement.
 */
function allocationParts(
  params: SqlParams,
  organizationId: string,
  write: AllocationWrite,
): { parts: string[]; allocatedBills: string; released: string } {
  // Each parameter added only where the text uses it: an unused one has no type to infer.
  let orgParam: string | undefined;
  const org = () => (orgParam ??= `${params.add(organizationId)}::uuid`);
  const at = () => `${params.add(write.at)}::timestamptz`;
  if (write.kind === 'release') {
    return {
      parts: [
        `pv_alloc_released AS (
            UPDATE bill_allocations SET released_at = ${at()}
             WHERE organization_id = ${org()} AND voucher_id = ${params.add(write.voucherId)}::uuid AND released_at IS NULL
         RETURNING bill_id, amount)`,
        `pv_alloc_restored AS (
            UPDATE bills b SET outstanding = b.outstanding + r.amount
              FROM (SELECT bill_id, sum(amount) AS amount FROM pv_alloc_released WHERE bill_id IS NOT NULL GROUP BY bill_id) r
             WHERE b.organization_id = ${org()} AND b.id = r.bill_id
         RETURNING b.id)`,
      ],
      allocatedBills: '0',
      released: '(SELECT count(*)::int FROM pv_alloc_released)',
    };
  }
  const parts: string[] = [];
  if (write.releaseIds.length > 0) {
    const ids = write.releaseIds.map((id) => `(${params.add(id)}::uuid)`).join(', ');
    parts.push(`pv_alloc_released AS (
            UPDATE bill_allocations a SET released_at = ${at()}
              FROM (VALUES ${ids}) AS v(id)
             WHERE a.organization_id = ${org()} AND a.id = v.id AND a.released_at IS NULL
         RETURNING a.id)`);
  }
  if (write.rows.length > 0) parts.push(`pv_alloc AS (${insertValuesSql(billAllocations, write.rows, params)})`);
  if (write.bills.length > 0) {
    const values = write.bills.map((b) => `(${params.add(b.billId)}::uuid, ${params.add(b.amount)}::numeric)`).join(', ');
    parts.push(`pv_alloc_bills AS (
            UPDATE bills b SET outstanding = b.outstanding - v.amount
              FROM (VALUES ${values}) AS v(bill_id, amount)
             WHERE b.organization_id = ${org()} AND b.id = v.bill_id AND b.cancelled_at IS NULL AND b.outstanding >= v.amount
         RETURNING b.id)`);
  }
  return {
    parts,
    allocatedBills: write.bills.length > 0 ? '(SELECT count(*)::int FROM pv_alloc_bills)' : '0',
    released: write.releaseIds.length > 0 ? '(SELECT count(*)::int FROM pv_alloc_released)' : '0',
  };
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
