import { billSideOf, SYSTEM_LEDGERS, voucherTypes, type PostingAmount, type VoucherTypeDefinition } from '@tritiq/contracts';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { totalOf, voucherProblem, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

/**
 * The books (BOOKS.md, issue 15 item 10): each voucher's entries against its posting rule, the
 * day totals against the entries, the trial balance, the bills against their allocations. Like
 * the other checks, each is one or a few set-based statements over whole tables.
 */

/** The voucher header column a posting figure is read from (the figures a header has today). */
const FIGURE_COLUMNS: Partial<Record<PostingAmount, string>> = {
  grand_total: 'grand_total',
  taxable_total: 'taxable_amount',
  cgst_total: 'cgst_amount',
  sgst_total: 'sgst_amount',
  igst_total: 'igst_amount',
  round_off: 'round_off',
  // A voucher without lines (receipt, payment): its header amount, stored as its grand total.
  amount: 'grand_total',
};

/** A system ledger's weight in the fingerprint below: its place in SYSTEM_LEDGERS, from 1. */
const LEDGER_WEIGHTS = sql.raw(`ARRAY[${SYSTEM_LEDGERS.map((k) => `'${k}'`).join(', ')}]::text[]`);

interface RuleSql {
  type: string;
  lines: string;
  debit: string;
  party: string;
  weighted: string;
}

/**
 * What a type's fixed-entries rule posts for a voucher, as SQL over its header (`v`): how many
 * entries (zero figures post none), their total debit, the party ledger's amount and a
 * fingerprint Σ amount × weight of its system ledger, which moves when an amount lands on another
 * ledger than the rule's. Undefined for a type whose rule reads what a header does not have (a
 * header ledger, the `amount` of a receipt): those are checked for balance and reversal only.
 */
function ruleSql(def: VoucherTypeDefinition): RuleSql | undefined {
  if (!def.posting) return { type: def.type, lines: '0', debit: '0', party: '0', weighted: '0' };
  if (def.posting.kind !== 'entries') return undefined;
  const lines: string[] = [];
  const debit: string[] = [];
  const party: string[] = [];
  const weighted: string[] = [];
  // A ledger a header field names (a receipt's cash or bank ledger) may be a system ledger (Cash):
  // its weight is unknown, so such a type's fingerprint is not checked (NULL), only its count,
  // debit total and party amount.
  let headerLedger = false;
  for (const e of def.posting.entries) {
    const column = FIGURE_COLUMNS[e.amount];
    if (!column) return undefined;
    const signed = e.side === 'debit' ? `v.${column}` : `(-v.${column})`;
    lines.push(`(v.${column} <> 0)::int`);
    debit.push(`greatest(${signed}, 0)`);
    if (e.account.from === 'party') party.push(signed);
    else if (e.account.from === 'system') weighted.push(`${signed} * ${SYSTEM_LEDGERS.indexOf(e.account.ledger) + 1}`);
    else if (e.account.from === 'party_or_header') {
      party.push(`(CASE WHEN v.party_id IS NOT NULL THEN ${signed} ELSE 0 END)`);
      headerLedger = true;
    } else headerLedger = true;
  }
  const sum = (parts: string[]) => (parts.length ? parts.join(' + ') : '0');
  return { type: def.type, lines: sum(lines), debit: sum(debit), party: sum(party), weighted: headerLedger ? 'NULL' : sum(weighted) };
}

/** `CASE v.voucher_type WHEN 'sales' THEN … END` over the types whose rule is checkable (NULL for the others). */
function perType(rules: RuleSql[], part: keyof Omit<RuleSql, 'type'>): SQL {
  if (rules.length === 0) return sql`NULL::numeric`;
  return sql.raw(`CASE v.voucher_type ${rules.map((r) => `WHEN '${r.type}' THEN (${r[part]})::numeric`).join(' ')} END`);
}

interface EntriesRow {
  org: string;
  id: string;
  type: string;
  number: string;
  status: string;
  voucher_date: string;
  total: number;
  posts: boolean;
  n_post: number;
  n_rev: number;
  post_sum: string;
  rev_sum: string;
  post_debit: string;
  post_party: string;
  post_weighted: string;
  first_date: string | null;
  last_date: string | null;
  other_party: boolean;
  other_org: boolean;
  rev_bad: number;
  lines_bad: number;
  e_lines: number | null;
  e_debit: string | null;
  e_party: string | null;
  e_weighted: string | null;
}

/**
 * Per voucher, one aggregate of its entries (joined to the small ledgers table for the party and
 * the system ledger's weight) compared with its header through its type's posting rule: the
 * entries balance (and the reversal's), there are as many as the rule gives, with its debit
 * total, party amount and ledgers, dated the voucher's date, in its organisation; a cancelled
 * voucher has the exact reverse of each entry (same number, ledger and date, amount negated), an
 * active one none. The reversal rows are few (cancelled vouchers only), so matching them to their
 * entries is a hash join built on them.
 */
export async function checkLedgerEntries(ctx: CheckContext): Promise<CheckOutcome> {
  const defs = voucherTypes();
  const rules = defs.map(ruleSql).filter((r): r is RuleSql => r !== undefined);
  const posting = defs.filter((d) => d.posting).map((d) => d.type);
  const postsSql = posting.length ? sql.raw(`v.voucher_type IN (${posting.map((t) => `'${t}'`).join(', ')})`) : sql`false`;
  const lineTypes = defs.filter((d) => d.posting?.kind === 'ledger_lines').map((d) => d.type);
  const lineTypesSql = lineTypes.length ? sql.raw(`v.voucher_type IN (${lineTypes.map((t) => `'${t}'`).join(', ')})`) : sql`false`;
  const rows = await queryRows<EntriesRow>(
    ctx.tx,
    sql`
      WITH lw AS (
        SELECT id, party_id, coalesce(array_position(${LEDGER_WEIGHTS}, system_key), 0) AS w FROM ledgers
      ), e AS (
        SELECT e.voucher_id,
               count(*) FILTER (WHERE NOT e.is_reversal)::int AS n_post,
               count(*) FILTER (WHERE e.is_reversal)::int AS n_rev,
               coalesce(sum(e.amount) FILTER (WHERE NOT e.is_reversal), 0) AS post_sum,
               coalesce(sum(e.amount) FILTER (WHERE e.is_reversal), 0) AS rev_sum,
               coalesce(sum(e.amount) FILTER (WHERE NOT e.is_reversal AND e.amount > 0), 0) AS post_debit,
               coalesce(sum(e.amount) FILTER (WHERE NOT e.is_reversal AND l.party_id IS NOT NULL), 0) AS post_party,
               coalesce(sum(e.amount * l.w) FILTER (WHERE NOT e.is_reversal), 0) AS post_weighted,
               min(e.entry_date) AS first_date, max(e.entry_date) AS last_date,
               min(l.party_id::text) AS party_lo, max(l.party_id::text) AS party_hi,
               min(e.organization_id::text) AS org_lo, max(e.organization_id::text) AS org_hi
          FROM ledger_entries e JOIN lw l ON l.id = e.ledger_id
         GROUP BY e.voucher_id
      ), rev AS (
        SELECT r.voucher_id, count(*)::int AS n_bad
          FROM ledger_entries r
          LEFT JOIN ledger_entries p ON p.voucher_id = r.voucher_id AND NOT p.is_reversal AND p.line_no = r.line_no
         WHERE r.is_reversal
           AND (p.voucher_id IS NULL OR p.ledger_id <> r.ledger_id OR p.amount <> -r.amount OR p.entry_date <> r.entry_date)
         GROUP BY r.voucher_id
      ), ll AS (
        -- A journal's or contra's entries are its own lines, line by line (same ledger, same amount):
        -- per voucher of those types (few), its lines against its entries through their keys.
        SELECT v.id AS voucher_id, count(*)::int AS n_bad
          FROM vouchers v
          CROSS JOIN LATERAL (
            SELECT 1
              FROM (SELECT line_no, ledger_id, amount FROM voucher_ledger_lines WHERE voucher_id = v.id) x
              FULL JOIN (SELECT line_no, ledger_id, amount FROM ledger_entries WHERE voucher_id = v.id AND NOT is_reversal) y
                ON y.line_no = x.line_no
             WHERE x.line_no IS NULL OR y.line_no IS NULL OR x.ledger_id <> y.ledger_id OR x.amount <> y.amount
          ) bad
         WHERE ${lineTypesSql}
         GROUP BY v.id
      ), j AS (
        SELECT v.organization_id AS org, v.id, v.voucher_type AS type, v.voucher_number AS number, v.status,
               v.voucher_date, ${postsSql} AS posts,
               coalesce(e.n_post, 0) AS n_post, coalesce(e.n_rev, 0) AS n_rev,
               coalesce(e.post_sum, 0) AS post_sum, coalesce(e.rev_sum, 0) AS rev_sum,
               coalesce(e.post_debit, 0) AS post_debit, coalesce(e.post_party, 0) AS post_party,
               coalesce(e.post_weighted, 0) AS post_weighted, e.first_date, e.last_date,
               (e.party_lo IS NOT NULL AND (e.party_lo <> v.party_id::text OR e.party_hi <> v.party_id::text)) AS other_party,
               (e.org_lo IS NOT NULL AND (e.org_lo <> v.organization_id::text OR e.org_hi <> v.organization_id::text)) AS other_org,
               coalesce(rev.n_bad, 0) AS rev_bad, coalesce(ll.n_bad, 0) AS lines_bad,
               ${perType(rules, 'lines')} AS e_lines, ${perType(rules, 'debit')} AS e_debit,
               ${perType(rules, 'party')} AS e_party, ${perType(rules, 'weighted')} AS e_weighted
          FROM vouchers v
          LEFT JOIN e ON e.voucher_id = v.id
          LEFT JOIN rev ON rev.voucher_id = v.id
          LEFT JOIN ll ON ll.voucher_id = v.id
      )
      SELECT org, id, type, number, status, voucher_date::text, count(*) OVER () AS total, posts, n_post, n_rev,
             post_sum::numeric(16,2)::text AS post_sum, rev_sum::numeric(16,2)::text AS rev_sum,
             post_debit::numeric(16,2)::text AS post_debit, post_party::numeric(16,2)::text AS post_party,
             post_weighted::numeric(18,2)::text AS post_weighted, first_date::text, last_date::text, other_party, other_org, rev_bad, lines_bad,
             e_lines::int AS e_lines, e_debit::numeric(16,2)::text AS e_debit, e_party::numeric(16,2)::text AS e_party,
             e_weighted::numeric(18,2)::text AS e_weighted
        FROM j
       WHERE (posts AND n_post = 0) OR (NOT posts AND n_post + n_rev > 0)
          OR post_sum <> 0 OR rev_sum <> 0
          OR first_date <> voucher_date OR last_date <> voucher_date OR other_party OR other_org
          OR n_post <> e_lines OR post_debit <> e_debit OR post_party <> e_party OR post_weighted <> e_weighted
          OR (status = 'cancelled' AND (n_rev <> n_post OR rev_bad > 0))
          OR (status <> 'cancelled' AND n_rev <> 0) OR lines_bad > 0
       ORDER BY org, type, number, id
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const p = (field: string, expected: string, found: string) =>
      problems.push(voucherProblem(ctx, 'ledger_entries', r, field, expected, found));
    const nPost = Number(r.n_post);
    const nRev = Number(r.n_rev);
    if (r.posts && nPost === 0) p('ledger entries', 'its posting entries', 'none');
    else if (!r.posts && nPost + nRev > 0) p('ledger entries', 'none (its type posts nothing)', `${nPost + nRev}`);
    else if (r.e_lines !== null && nPost !== Number(r.e_lines)) {
      p('ledger entries', `${r.e_lines} (its posting rule, zero amounts posting nothing)`, String(nPost));
    }
    if (r.post_sum !== '0.00') p('entries balance', 'debits equal credits', `debits exceed credits by ${r.post_sum}`);
    if (r.rev_sum !== '0.00') p('reversal entries balance', 'debits equal credits', `debits exceed credits by ${r.rev_sum}`);
    if (nPost > 0 && r.e_debit !== null && r.post_debit !== r.e_debit) {
      p('entries debit total', `${r.e_debit} (its posting rule over its totals)`, r.post_debit);
    }
    if (nPost > 0 && r.e_party !== null && r.post_party !== r.e_party) {
      p('party ledger entry', `${r.e_party} (its posting rule)`, r.post_party);
    }
    if (nPost > 0 && r.e_weighted !== null && r.post_weighted !== r.e_weighted && r.post_debit === r.e_debit) {
      p('amounts per ledger', "its posting rule's amount on each of its ledgers (from its totals)", 'other amounts on its ledgers');
    }
    if (r.other_party) p('party ledger', "its own party's ledger", "another party's ledger");
    if (r.other_org) p('entries organisation', 'its own organisation', 'another organisation');
    if (r.first_date !== null && (r.first_date !== r.voucher_date || r.last_date !== r.voucher_date)) {
      const found = r.first_date === r.last_date ? r.first_date : `${r.first_date} to ${r.last_date}`;
      p('entry_date', `${r.voucher_date} (the voucher's date)`, found);
    }
    if (r.status === 'cancelled' && (nRev !== nPost || Number(r.rev_bad) > 0)) {
      const bad = Number(r.rev_bad) > 0 ? `, ${r.rev_bad} not the reverse of its entry` : '';
      p('reversal entries (voucher is cancelled)', `${nPost} (the exact reverse of its entries)`, `${nRev}${bad}`);
    }
    if (r.status !== 'cancelled' && nRev !== 0) p('reversal entries (voucher is active)', 'none', String(nRev));
    if (Number(r.lines_bad) > 0) {
      p('ledger entries against its lines', 'one entry per line, on its ledger, of its amount', `${r.lines_bad} lines differ`);
    }
  }
  return { problems, problemCount: totalOf(rows), rows: ctx.totals.vouchers, rowsLabel: 'vouchers' };
}

interface LedgerRow {
  org: string;
  ledger_id: string;
  ledger_name: string | null;
}

function ledgerProblem(
  ctx: CheckContext,
  check: 'ledger_day_totals',
  r: LedgerRow,
  subject: string,
  field: string,
  expected: string,
  found: string,
): IntegrityProblem {
  return {
    check,
    organizationId: r.org,
    organizationName: ctx.orgName(r.org),
    subject: `ledger "${r.ledger_name ?? '?'}" (id ${r.ledger_id})${subject}`,
    field,
    expected,
    found,
  };
}

/**
 * The maintained balances: per ledger and day, the day total's debit and credit equal the sums of
 * that day's debit and credit entries (a reversal counts on its own side, as the statement adds
 * it). One aggregate of the entries, fully joined to the day totals.
 */
export async function checkLedgerDayTotals(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<
    LedgerRow & {
      total: number;
      entry_date: string;
      n: number;
      e_debit: string;
      e_credit: string;
      d_debit: string | null;
      d_credit: string | null;
    }
  >(
    ctx.tx,
    sql`
      WITH e AS (
        SELECT organization_id, ledger_id, entry_date, count(*)::int AS n,
               coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS debit, coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS credit
          FROM ledger_entries GROUP BY organization_id, ledger_id, entry_date
      ), j AS (
        SELECT coalesce(e.organization_id, d.organization_id) AS org, coalesce(e.ledger_id, d.ledger_id) AS ledger_id,
               coalesce(e.entry_date, d.entry_date) AS entry_date, coalesce(e.n, 0) AS n,
               coalesce(e.debit, 0) AS e_debit, coalesce(e.credit, 0) AS e_credit, d.debit AS d_debit, d.credit AS d_credit
          FROM e FULL JOIN ledger_day_totals d
            ON d.organization_id = e.organization_id AND d.ledger_id = e.ledger_id AND d.entry_date = e.entry_date
      )
      SELECT j.org, j.ledger_id, l.name AS ledger_name, count(*) OVER () AS total, j.entry_date::text, j.n,
             j.e_debit::numeric(16,2)::text AS e_debit, j.e_credit::numeric(16,2)::text AS e_credit,
             j.d_debit::text AS d_debit, j.d_credit::text AS d_credit
        FROM j LEFT JOIN ledgers l ON l.id = j.ledger_id
       WHERE coalesce(j.d_debit, 0) <> j.e_debit OR coalesce(j.d_credit, 0) <> j.e_credit OR (j.d_debit IS NULL AND j.n > 0)
       ORDER BY j.org, l.name, j.ledger_id, j.entry_date
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = [];
  for (const r of rows) {
    const at = `, day ${r.entry_date}`;
    const sums = (side: string, amount: string) => `${amount} (sum of the ${side} of ${r.n} entr${Number(r.n) === 1 ? 'y' : 'ies'})`;
    if (r.d_debit === null) {
      problems.push(
        ledgerProblem(ctx, 'ledger_day_totals', r, at, 'ledger_day_totals row', `one (debit ${r.e_debit}, credit ${r.e_credit})`, 'none'),
      );
      continue;
    }
    if (r.d_debit !== r.e_debit)
      problems.push(ledgerProblem(ctx, 'ledger_day_totals', r, at, 'debit', sums('debits', r.e_debit), r.d_debit));
    if (r.d_credit !== r.e_credit)
      problems.push(ledgerProblem(ctx, 'ledger_day_totals', r, at, 'credit', sums('credits', r.e_credit), r.d_credit!));
  }
  const [count] = await queryRows<{ n: number }>(ctx.tx, sql`SELECT count(*)::int AS n FROM ledger_day_totals`);
  return { problems, problemCount: totalOf(rows), rows: Number(count!.n), rowsLabel: 'day totals' };
}

/**
 * The trial balance balances on every day: per organisation and date, the day totals' debits
 * equal their credits (every voucher's entries balance and are dated its date), so the closing
 * trial balance balances on any date. Opening balances are apart (their difference is shown, not
 * an error: BOOKS.md).
 */
export async function checkTrialBalance(ctx: CheckContext): Promise<CheckOutcome> {
  const rows = await queryRows<{ org: string; entry_date: string; debit: string; credit: string; total: number; days: number }>(
    ctx.tx,
    sql`
      SELECT organization_id AS org, entry_date::text, sum(debit)::numeric(18,2)::text AS debit, sum(credit)::numeric(18,2)::text AS credit,
             count(*) OVER () AS total, count(*) OVER (PARTITION BY organization_id) AS days
        FROM ledger_day_totals
       GROUP BY organization_id, entry_date
      HAVING sum(debit) <> sum(credit)
       ORDER BY organization_id, entry_date
       LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = rows.map((r) => ({
    check: 'trial_balance' as const,
    organizationId: r.org,
    organizationName: ctx.orgName(r.org),
    subject: `trial balance of ${r.entry_date}${Number(r.days) > 1 ? ` (and ${Number(r.days) - 1} more day(s) of this organisation)` : ''}`,
    field: 'total debits and credits of the day',
    expected: 'equal',
    found: `debits ${r.debit}, credits ${r.credit}`,
  }));
  const [orgs] = await queryRows<{ n: number }>(ctx.tx, sql`SELECT count(DISTINCT organization_id)::int AS n FROM ledger_day_totals`);
  return { problems, problemCount: totalOf(rows), rows: Number(orgs!.n), rowsLabel: 'books' };
}

function billProblem(
  ctx: CheckContext,
  r: { org: string; bill_id: string; ref: string; side: string; party_name: string | null },
  field: string,
  expected: string,
  found: string,
): IntegrityProblem {
  return {
    check: 'bills',
    organizationId: r.org,
    organizationName: ctx.orgName(r.org),
    subject: `${r.side} bill ${r.ref} of "${r.party_name ?? '?'}" (id ${r.bill_id})`,
    field,
    expected,
    found,
  };
}

/** `(VALUES ('sales', 'receivable'), …)`: the bill each type makes, from the definitions. */
function billSides(): SQL {
  const values = voucherTypes()
    .map((d) => [d.type, billSideOf(d)] as const)
    .filter((x): x is readonly [string, 'receivable' | 'payable'] => x[1] !== null)
    .map(([type, side]) => sql`(${type}::text, ${side}::text)`);
  if (values.length === 0) return sql`(SELECT NULL::text AS voucher_type, NULL::text AS side WHERE false) AS bs`;
  return sql`(VALUES ${sql.join(values, sql`, `)}) AS bs(voucher_type, side)`;
}

/**
 * Every bill's outstanding is its amount less its live allocations, and never negative; an
 * invoice's bill is for its grand total, of its party, on its type's side, cancelled with it; every
 * invoice has its bill; a cancelled voucher's allocations are released, and an allocation is to a
 * bill of its own party; a party ledger's opening balance is the sum of its opening bills.
 */
export async function checkBills(ctx: CheckContext): Promise<CheckOutcome> {
  const max = ctx.maxProblems;
  const problems: IntegrityProblem[] = [];
  let problemCount = 0;
  const add = (found: number, list: IntegrityProblem[]) => {
    problemCount += found;
    problems.push(...list.slice(0, Math.max(0, max - problems.length)));
  };

  const bad = await queryRows<{
    org: string;
    bill_id: string;
    ref: string;
    side: string;
    party_name: string | null;
    total: number;
    amount: string;
    outstanding: string;
    allocated: string;
    expected: string;
    cancelled: boolean;
    voucher_id: string | null;
    voucher_number: string | null;
    voucher_type: string | null;
    voucher_status: string | null;
    grand_total: string | null;
    voucher_party: boolean | null;
    expected_side: string | null;
  }>(
    ctx.tx,
    sql`
      WITH a AS (
        SELECT bill_id, coalesce(sum(amount) FILTER (WHERE released_at IS NULL), 0) AS live
          FROM bill_allocations WHERE bill_id IS NOT NULL GROUP BY bill_id
      )
      SELECT b.organization_id AS org, b.id AS bill_id, b.ref, b.side, p.name AS party_name, count(*) OVER () AS total,
             b.amount::text, b.outstanding::text, coalesce(a.live, 0)::numeric(16,2)::text AS allocated,
             (b.amount - coalesce(a.live, 0))::numeric(16,2)::text AS expected,
             b.cancelled_at IS NOT NULL AS cancelled, v.id AS voucher_id, v.voucher_number, v.voucher_type, v.status AS voucher_status,
             v.grand_total::text, v.party_id = b.party_id AS voucher_party, bs.side AS expected_side
        FROM bills b
        LEFT JOIN a ON a.bill_id = b.id
        LEFT JOIN parties p ON p.id = b.party_id
        LEFT JOIN vouchers v ON v.id = b.voucher_id
        LEFT JOIN ${billSides()} ON bs.voucher_type = v.voucher_type
       WHERE b.outstanding <> b.amount - coalesce(a.live, 0) OR b.outstanding < 0
          OR (b.cancelled_at IS NOT NULL AND coalesce(a.live, 0) <> 0)
          OR (v.id IS NOT NULL AND (b.amount <> v.grand_total OR v.party_id <> b.party_id OR bs.side IS DISTINCT FROM b.side
                                    OR (b.cancelled_at IS NOT NULL) <> (v.status = 'cancelled')))
       ORDER BY b.organization_id, b.side, b.ref, b.id
       LIMIT ${max}`,
  );
  const billRows: IntegrityProblem[] = [];
  for (const r of bad) {
    const p = (field: string, expected: string, found: string) => billRows.push(billProblem(ctx, r, field, expected, found));
    if (r.outstanding !== r.expected) {
      p('outstanding', `${r.expected} (amount ${r.amount} less its live allocations, ${r.allocated})`, r.outstanding);
    }
    // Signs read from the text: these are exact decimals, never floats.
    if (r.outstanding.startsWith('-')) p('outstanding', 'never negative', r.outstanding);
    else if (r.expected.startsWith('-'))
      p('allocations', `at most the amount ${r.amount}`, `${r.allocated} allocated (outstanding would be negative)`);
    if (r.cancelled && r.allocated !== '0.00') p('live allocations (bill is cancelled)', 'none', r.allocated);
    if (r.voucher_id) {
      const of = ` of ${r.voucher_type ?? '?'} voucher ${r.voucher_number ?? '?'} (id ${r.voucher_id})`;
      if (r.grand_total !== null && r.amount !== r.grand_total) p('amount', `${r.grand_total} (the grand total${of})`, r.amount);
      if (r.voucher_party === false) p('party_id', `the party${of}`, 'another party');
      if (r.expected_side !== r.side) p('side', `${r.expected_side ?? 'no bill'} (${r.voucher_type ?? '?'} vouchers)`, r.side);
      if (r.cancelled !== (r.voucher_status === 'cancelled')) {
        p(
          'cancelled_at',
          r.voucher_status === 'cancelled' ? `set (the voucher is cancelled)` : `empty (the voucher is active)`,
          r.cancelled ? 'set' : 'empty',
        );
      }
    }
  }
  add(totalOf(bad), billRows);

  const missing = await queryRows<{ org: string; id: string; type: string; number: string; side: string; total: number }>(
    ctx.tx,
    sql`
      SELECT v.organization_id AS org, v.id, v.voucher_type AS type, v.voucher_number AS number, bs.side, count(*) OVER () AS total
        FROM vouchers v
        JOIN ${billSides()} ON bs.voucher_type = v.voucher_type
       WHERE NOT EXISTS (SELECT 1 FROM bills b WHERE b.voucher_id = v.id)
       ORDER BY v.organization_id, v.voucher_type, v.voucher_number
       LIMIT ${max}`,
  );
  add(
    totalOf(missing),
    missing.map((r) => voucherProblem(ctx, 'bills', r, 'bill', `one (${r.side}, for its grand total)`, 'none')),
  );

  const allocations = await queryRows<{
    org: string;
    id: string;
    type: string;
    number: string;
    total: number;
    allocation_id: string;
    amount: string;
    unreleased: boolean;
    other_party: boolean;
  }>(
    ctx.tx,
    sql`
      SELECT v.organization_id AS org, v.id, v.voucher_type AS type, v.voucher_number AS number, count(*) OVER () AS total,
             a.id AS allocation_id, a.amount::text,
             (v.status = 'cancelled' AND a.released_at IS NULL) AS unreleased, coalesce(b.party_id <> a.party_id, false) AS other_party
        FROM bill_allocations a
        JOIN vouchers v ON v.id = a.voucher_id
        LEFT JOIN bills b ON b.id = a.bill_id
       WHERE (v.status = 'cancelled' AND a.released_at IS NULL) OR b.party_id <> a.party_id
       ORDER BY v.organization_id, v.voucher_type, v.voucher_number, a.id
       LIMIT ${max}`,
  );
  add(
    totalOf(allocations),
    allocations.map((r) =>
      r.unreleased
        ? voucherProblem(ctx, 'bills', r, `allocation ${r.allocation_id} of ${r.amount} (voucher is cancelled)`, 'released', 'live')
        : voucherProblem(
            ctx,
            'bills',
            r,
            `allocation ${r.allocation_id} of ${r.amount}`,
            "a bill of the allocation's party",
            "another party's bill",
          ),
    ),
  );
  // A party's opening balance is given bill by bill: its ledger's opening is the sum of its opening bills.
  const openings = await queryRows<{
    org: string;
    ledger_id: string;
    ledger_name: string;
    total: number;
    n: number;
    opening: string;
    expected: string;
  }>(
    ctx.tx,
    sql`
      WITH o AS (
        SELECT organization_id, party_id, count(*)::int AS n, sum(CASE side WHEN 'receivable' THEN amount ELSE -amount END) AS amount
          FROM bills WHERE voucher_id IS NULL AND cancelled_at IS NULL GROUP BY organization_id, party_id
      )
      SELECT l.organization_id AS org, l.id AS ledger_id, l.name AS ledger_name, count(*) OVER () AS total, coalesce(o.n, 0) AS n,
             l.opening_balance::text AS opening, coalesce(o.amount, 0)::numeric(16,2)::text AS expected
        FROM ledgers l
        LEFT JOIN o ON o.organization_id = l.organization_id AND o.party_id = l.party_id
       WHERE l.party_id IS NOT NULL AND l.opening_balance <> coalesce(o.amount, 0)
       ORDER BY l.organization_id, l.name, l.id
       LIMIT ${max}`,
  );
  add(
    totalOf(openings),
    openings.map((r) => ({
      check: 'bills' as const,
      organizationId: r.org,
      organizationName: ctx.orgName(r.org),
      subject: `ledger "${r.ledger_name}" (id ${r.ledger_id})`,
      field: 'opening_balance',
      expected: `${r.expected} (the sum of its ${r.n} opening bill(s), receivable Dr +, payable Cr −)`,
      found: r.opening,
    })),
  );
  const [count] = await queryRows<{ n: number }>(ctx.tx, sql`SELECT count(*)::int AS n FROM bills`);
  return { problems, problemCount, rows: Number(count!.n), rowsLabel: 'bills' };
}
