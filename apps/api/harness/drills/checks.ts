import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestSmtpServer } from '../../src/test/smtp';
import { postVoucher, type Ack, type LoadResult } from './load';
import type { DrillOrg } from './api';

const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

async function rows<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The drill's own database assertions (run as the superuser, so row-level security does not hide
 * anything): numbers unique and gapless, counters in step, stock equal to its ledger, and no
 * half-posted voucher (lines, totals and ledger rows all there).
 */
export async function databaseChecks(url: string): Promise<Check[]> {
  const checks: Check[] = [];
  const numbering = await rows<{
    organization_id: string;
    voucher_type: string;
    fiscal_year: string;
    n: string;
    max_seq: number;
    distinct_seq: string;
    distinct_no: string;
    last_seq: number | null;
  }>(
    url,
    `SELECT v.organization_id, v.voucher_type, v.fiscal_year, count(*) AS n, max(v.seq) AS max_seq, count(DISTINCT v.seq) AS distinct_seq,
            count(DISTINCT v.voucher_number) AS distinct_no, c.next_number - 1 AS last_seq
       FROM vouchers v
       LEFT JOIN voucher_series c USING (organization_id, voucher_type, fiscal_year)
      GROUP BY v.organization_id, v.voucher_type, v.fiscal_year, c.next_number`,
  );
  const badNumbers = numbering.filter(
    (r) =>
      Number(r.n) !== r.max_seq ||
      Number(r.distinct_seq) !== Number(r.n) ||
      Number(r.distinct_no) !== Number(r.n) ||
      r.last_seq !== r.max_seq,
  );
  const vouchers = numbering.reduce((s, r) => s + Number(r.n), 0);
  checks.push(
    check(
      'numbers unique and gapless',
      badNumbers.length === 0,
      badNumbers.length === 0
        ? `${vouchers} vouchers in ${numbering.length} series, each 1..n without gaps, counters in step`
        : `${badNumbers.length} series broken: ${JSON.stringify(badNumbers.slice(0, 3))}`,
    ),
  );

  const stock = await rows<{
    product_id: string;
    quantity: string;
    ledger_sum: string | null;
    ledger_seq: string;
    n: string;
    max_seq: string | null;
    last_balance: string | null;
  }>(
    url,
    `SELECT b.product_id, b.quantity, l.ledger_sum, b.ledger_seq, coalesce(l.n, 0) AS n, l.max_seq, last.balance_after AS last_balance
       FROM stock_balances b
       LEFT JOIN (SELECT organization_id, product_id, sum(quantity_change) AS ledger_sum, count(*) AS n, max(seq) AS max_seq
                    FROM stock_ledger GROUP BY organization_id, product_id) l USING (organization_id, product_id)
       LEFT JOIN stock_ledger last ON last.organization_id = b.organization_id AND last.product_id = b.product_id AND last.seq = l.max_seq`,
  );
  const badStock = stock.filter(
    (r) =>
      Number(r.quantity) !== Number(r.ledger_sum ?? 0) ||
      Number(r.n) !== Number(r.ledger_seq) ||
      (r.max_seq !== null && Number(r.max_seq) !== Number(r.n)) ||
      (r.last_balance !== null && Number(r.last_balance) !== Number(r.quantity)),
  );
  checks.push(
    check(
      'stock equals its ledger',
      badStock.length === 0,
      badStock.length === 0
        ? `${stock.length} products: on hand = sum of ledger, ledger seq 1..n, last balance = on hand`
        : `${badStock.length} products off: ${JSON.stringify(badStock.slice(0, 3))}`,
    ),
  );

  const halfPosted = await rows<{
    id: string;
    voucher_number: string;
    line_count: number;
    lines: string;
    ledger: string;
    taxable_amount: string;
    lines_taxable: string | null;
    grand_total: string;
    computed: string | null;
  }>(
    url,
    `SELECT v.id, v.voucher_number, v.line_count, coalesce(l.n, 0) AS lines, coalesce(s.n, 0) AS ledger, v.taxable_amount, l.taxable AS lines_taxable,
            v.grand_total, (l.total + v.round_off) AS computed
       FROM vouchers v
       LEFT JOIN (SELECT voucher_id, count(*) AS n, sum(taxable_amount) AS taxable, sum(total_amount) AS total FROM voucher_lines GROUP BY voucher_id) l ON l.voucher_id = v.id
       LEFT JOIN (SELECT voucher_id, count(*) AS n FROM stock_ledger WHERE source = 'voucher' GROUP BY voucher_id) s ON s.voucher_id = v.id
      WHERE v.line_count <> coalesce(l.n, 0) OR coalesce(s.n, 0) <> v.line_count OR v.taxable_amount <> coalesce(l.taxable, -1)
         OR v.grand_total <> coalesce(l.total + v.round_off, -1)`,
  );
  checks.push(
    check(
      'no half-posted voucher',
      halfPosted.length === 0,
      halfPosted.length === 0
        ? `every voucher has all its lines, its totals and one ledger row per line`
        : `${halfPosted.length} vouchers incomplete: ${JSON.stringify(halfPosted.slice(0, 3))}`,
    ),
  );
  return checks;
}

/**
 * Idempotency: every creation the clients saw succeed is exactly one voucher; every sales voucher in
 * the database is one the clients know about (no double post after a retried request); and sending
 * some of them again with the same key and body answers the same voucher, marked as replayed, without
 * creating anything.
 */
export async function idempotencyChecks(url: string, base: string, orgs: DrillOrg[], load: LoadResult, replays = 5): Promise<Check[]> {
  const checks: Check[] = [];
  const dbSales = await rows<{ id: string; organization_id: string }>(
    url,
    `SELECT id, organization_id FROM vouchers WHERE voucher_type = 'sales'`,
  );
  const ackedIds = new Set(load.acks.map((a) => a.id));
  const keys = new Set(load.acks.map((a) => a.key));
  const unknown = dbSales.filter((v) => !ackedIds.has(v.id));
  const missing = [...ackedIds].filter((id) => !dbSales.some((v) => v.id === id));
  const keyRows = await rows<{ n: string; distinct_vouchers: string }>(
    url,
    `SELECT count(*) AS n, count(DISTINCT voucher_id) AS distinct_vouchers FROM idempotency_keys WHERE voucher_id IN (SELECT id FROM vouchers WHERE voucher_type = 'sales')`,
  );
  const retriedAcks = load.acks.filter((a) => a.attempts > 1).length;
  checks.push(
    check(
      'each acknowledged creation is exactly one voucher',
      unknown.length === 0 &&
        missing.length === 0 &&
        ackedIds.size === keys.size &&
        ackedIds.size === load.acks.length &&
        Number(keyRows[0]?.n) === dbSales.length,
      `${load.acks.length} creations acknowledged (${retriedAcks} after a retry, ${load.acks.filter((a) => a.replayed).length} answered as replays), ` +
        `${dbSales.length} sales vouchers in the database, ${unknown.length} unknown to the clients, ${missing.length} acknowledged but missing, ` +
        `${keyRows[0]?.n} idempotency keys for ${keyRows[0]?.distinct_vouchers} vouchers`,
    ),
  );

  const sample: Ack[] = load.acks.filter((a) => a.attempts > 1).slice(0, replays);
  for (const a of load.acks) if (sample.length < replays && !sample.includes(a)) sample.push(a);
  const bad: string[] = [];
  for (const ack of sample) {
    const org = orgs[ack.orgIndex]!;
    const res = await postVoucher(base, org.token, ack.key, ack.body, 30_000);
    if (res.outcome !== '2xx' || !res.replayed || res.json?.id !== ack.id)
      bad.push(`${ack.key}: ${res.status} replayed=${res.replayed} id=${String(res.json?.id)} (expected ${ack.id})`);
  }
  const after = await rows<{ n: string }>(url, `SELECT count(*) AS n FROM vouchers WHERE voucher_type = 'sales'`);
  checks.push(
    check(
      'a retry with the same Idempotency-Key returns the same voucher',
      bad.length === 0 && Number(after[0]?.n) === dbSales.length,
      bad.length === 0
        ? `${sample.length} creations sent again: same voucher, Idempotent-Replayed: true, nothing new posted`
        : bad.slice(0, 3).join('; '),
    ),
  );
  return checks;
}

export interface EmailState {
  byStatus: Record<string, number>;
  vouchersWithEmail: number;
  vouchersWithoutMessage: number;
  messageIds: string[];
}

export async function emailState(url: string): Promise<EmailState> {
  const statuses = await rows<{ status: string; n: string }>(
    url,
    `SELECT status, count(*) AS n FROM email_messages WHERE related_type = 'voucher' GROUP BY status`,
  );
  const vouchers = await rows<{ n: string; without: string }>(
    url,
    `SELECT count(*) AS n, count(*) FILTER (WHERE m.id IS NULL) AS without
       FROM vouchers v LEFT JOIN email_messages m ON m.id = v.email_message_id
      WHERE v.voucher_type = 'sales' AND v.email_status <> 'not_sent'`,
  );
  const ids = await rows<{ message_id: string }>(url, `SELECT message_id FROM email_messages WHERE related_type = 'voucher'`);
  return {
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    vouchersWithEmail: Number(vouchers[0]?.n ?? 0),
    vouchersWithoutMessage: Number(vouchers[0]?.without ?? 0),
    messageIds: ids.map((r) => r.message_id),
  };
}

/** Every sales voucher created with send_email has its queued message, none lost or failed. */
export async function emailQueuedChecks(url: string, load: LoadResult): Promise<Check[]> {
  const state = await emailState(url);
  const sales = await rows<{ n: string; not_sent: string }>(
    url,
    `SELECT count(*) AS n, count(*) FILTER (WHERE email_status = 'not_sent') AS not_sent FROM vouchers WHERE voucher_type = 'sales'`,
  );
  const ok =
    Number(sales[0]?.not_sent) === 0 &&
    state.vouchersWithoutMessage === 0 &&
    !state.byStatus.failed &&
    state.messageIds.length === Number(sales[0]?.n);
  return [
    check(
      'no lost queued email',
      ok,
      `${sales[0]?.n} sales vouchers (all created with send_email), ${state.messageIds.length} voucher messages in the outbox ` +
        `(${JSON.stringify(state.byStatus)}), ${sales[0]?.not_sent} vouchers without one, ${load.acks.length} acknowledged`,
    ),
  ];
}

function sinkCounts(smtp: TestSmtpServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.received) {
    const id = mail.parsed.messageId ?? '';
    const key = id.startsWith('<') ? id : `<${id}>`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Waits until every voucher message is `sent` and no delivery job is open, then counts Message-IDs
 * at the sink: each exactly once. With `heldIfClaimedBefore` (the moment a process was killed or
 * cut off), a message whose delivery job is still claimed (pg-boss state `active`) since before that
 * moment does not count as pending: a dead worker's messages are taken over within seconds, except
 * one it had already handed to the SMTP server (its outcome unknown), which comes back when the
 * job's 15-minute expiry runs out, under the same Message-ID. It must still not be lost, failed or
 * doubled. A job the live worker claimed after that moment is not held: it is waited for.
 */
export async function emailDeliveryChecks(
  url: string,
  smtp: TestSmtpServer,
  timeoutMs: number,
  options: { heldIfClaimedBefore?: Date } = {},
): Promise<{ checks: Check[]; waitedSeconds: number; held: number }> {
  const started = Date.now();
  const cutOff = options.heldIfClaimedBefore;
  const heldCount = async () =>
    cutOff
      ? Number(
          (
            await rows<{ n: string }>(
              url,
              `SELECT count(*) AS n FROM email_messages m JOIN pgboss.job j ON j.id = m.id
                WHERE m.related_type = 'voucher' AND m.status IN ('queued', 'sending') AND j.state = 'active'
                  AND j.started_on < $1`,
              [cutOff],
            )
          )[0]?.n ?? 0,
        )
      : 0;
  let state = await emailState(url);
  let held = 0;
  while (Date.now() - started < timeoutMs) {
    const pending = Object.entries(state.byStatus)
      .filter(([s]) => s !== 'sent')
      .reduce((n, [, c]) => n + c, 0);
    held = pending > 0 ? await heldCount() : 0;
    if (pending - held === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
    state = await emailState(url);
  }
  // Nothing can deliver again once every message is settled (or held) and every delivery job is
  // completed (or held): a worker that still has a job in hand finds the row settled, and one that
  // no longer holds a row cannot hand it over (email.liveness.ts). Wait for that, then count.
  const openJobs = async () =>
    Number(
      (await rows<{ n: string }>(url, `SELECT count(*) AS n FROM pgboss.job WHERE name = 'email-delivery' AND state < 'completed'`))[0]
        ?.n ?? 0,
    );
  while (Date.now() - started < timeoutMs && (await openJobs()) > held) await new Promise((resolve) => setTimeout(resolve, 250));
  state = await emailState(url);
  // Counted again with the final state: a held count from before the last read would be stale.
  held = await heldCount();
  const waitedSeconds = (Date.now() - started) / 1000;
  const counts = sinkCounts(smtp);
  const expected = state.messageIds;
  const delivered = expected.filter((id) => counts.has(id));
  const duplicated = expected.filter((id) => (counts.get(id) ?? 0) > 1);
  const sent = state.byStatus.sent ?? 0;
  const failed = state.byStatus.failed ?? 0;
  const ok =
    duplicated.length === 0 &&
    failed === 0 &&
    state.vouchersWithoutMessage === 0 &&
    sent + held === expected.length &&
    delivered.length >= sent;
  const name = cutOff ? 'queued voucher email: none lost, none doubled' : 'every queued voucher email delivered exactly once';
  return {
    waitedSeconds,
    held,
    checks: [
      check(
        name,
        ok,
        `${expected.length} voucher messages, ${sent} marked sent, ${delivered.length} distinct Message-IDs at the sink, ` +
          `${duplicated.length} delivered more than once, ${failed} failed` +
          (cutOff ? `, ${held} held by a delivery job claim the fault cut off (sent again when the job expires)` : '') +
          ` (waited ${waitedSeconds.toFixed(1)} s; status ${JSON.stringify(state.byStatus)})`,
      ),
    ],
  };
}

/**
 * The integrity checker (`npm run check:integrity`, apps/api/src/cli/check-integrity.ts) as a child
 * process against the drill's database (exit 0: every check passed; its summary is reported).
 */
export function integrityCli(url: string): Check {
  const entry = path.join(API_ROOT, 'src/cli/check-integrity.ts');
  if (!existsSync(entry)) return check('npm run check:integrity', false, 'apps/api/src/cli/check-integrity.ts is missing');
  const run = spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const report = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  const lines = report
    .split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' '))
    .filter(Boolean);
  // Its first line is the verdict with the totals; then one line per check; then the problems.
  const problems = lines.slice(1).filter((l) => !/^ok\b/.test(l));
  const last = run.status === 0 ? (lines[0] ?? '') : [lines[0], ...problems.slice(0, 6)].join(' | ');
  return check('npm run check:integrity', run.status === 0, `exit ${run.status ?? run.signal}: ${last.slice(0, 500)}`);
}
