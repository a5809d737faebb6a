import { ZERO, dec, isDecimalString } from '@tritiq/contracts';
import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Executor } from '../../db/client';
import type { ReportsDeps } from './reports.deps';
import { money, rangeOf } from './reports.period';
import { findLedgerEntries, findLedgerTotals, findStatementLedger, type StatementLedger } from './reports.repo';

export interface StatementQuery {
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/**
 * The keyset of the last row of a page and the running balance after it: the next page goes on
 * from both without reading what came before (the balance is a figure the server wrote; a client
 * that edits it only misleads itself, as every row of the page still comes from the books).
 */
const cursorShape = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.uuid(),
  z.boolean(),
  z.number().int().min(0),
  z.string().refine(isDecimalString),
]);

type Cursor = z.output<typeof cursorShape>;

/**
 * A ledger's statement for [from, to] (BOOKS.md, "Ledger statement"): its opening balance on
 * `from` (opening balance plus every month and day total before it), a page of its entries in
 * date order with the other side's ledgers and the running balance, and the period's totals and
 * closing balance (from the maintained totals, so every page answers them without reading the
 * other pages). A cancelled voucher shows its entries and their reversal, which net to nothing on
 * its date. The ledger, its totals and the page do not need each other's answers: they go to the
 * server together (one round trip on a pipelined connection), and an unknown ledger's empty
 * totals and page are thrown away for the 404.
 */
export async function getLedgerStatement(deps: ReportsDeps, actor: Actor, ledgerId: string, query: StatementQuery) {
  const range = rangeOf(deps.clock, query);
  const after = decodeCursor(query.cursor, cursorShape);
  return deps.sessions.transaction(
    async (tx) => {
      const [ledger, read] = await Promise.all([
        findStatementLedger(tx, actor.organizationId, ledgerId),
        readStatement(tx, actor.organizationId, ledgerId, range, after, query.limit),
      ]);
      if (!ledger) throw notFound('Ledger');
      return presentStatement(ledger, range, after, query.limit, read);
    },
    tenantTx(actor, 'reports.ledger', true),
  );
}

/** The statement of a ledger already found (the cash book, a bank book, a party's statement). */
export async function statementOf(
  tx: Executor,
  actor: Pick<Actor, 'organizationId'>,
  ledger: StatementLedger,
  range: { from: string; to: string },
  query: Pick<StatementQuery, 'limit' | 'cursor'>,
) {
  const after = decodeCursor(query.cursor, cursorShape);
  return presentStatement(
    ledger,
    range,
    after,
    query.limit,
    await readStatement(tx, actor.organizationId, ledger.id, range, after, query.limit),
  );
}

/** The period's totals and one page (plus one row, to know whether there is a next), sent together. */
async function readStatement(
  tx: Executor,
  organizationId: string,
  ledgerId: string,
  range: { from: string; to: string },
  after: Cursor | undefined,
  limit: number,
) {
  const [totals, rows] = await Promise.all([
    findLedgerTotals(tx, organizationId, ledgerId, range.from, range.to),
    findLedgerEntries(tx, organizationId, ledgerId, {
      ...range,
      after: after && { date: after[0], voucherId: after[1], isReversal: after[2], lineNo: after[3] },
      limit: limit + 1,
    }),
  ]);
  return { totals, rows };
}

function presentStatement(
  ledger: StatementLedger,
  range: { from: string; to: string },
  after: Cursor | undefined,
  limit: number,
  { totals, rows }: Awaited<ReturnType<typeof readStatement>>,
) {
  const opening = dec(ledger.openingBalance).plus(dec(totals.before));
  const page = rows.slice(0, limit);
  const pageOpening = after ? dec(after[4]) : opening;
  let balance = pageOpening;
  const items = page.map((r) => {
    const amount = dec(r.amount);
    balance = balance.plus(amount);
    const others = typeof r.others === 'string' ? (JSON.parse(r.others) as { id: string; name: string }[]) : (r.others ?? []);
    return {
      date: r.date,
      voucherId: r.voucher_id,
      voucherType: r.voucher_type,
      voucherNumber: r.voucher_number,
      isCancellation: r.is_reversal,
      otherLedgers: others,
      debit: amount.gt(ZERO) ? money(amount) : '0.00',
      credit: amount.lt(ZERO) ? money(amount.neg()) : '0.00',
      balance: money(balance),
    };
  });
  const last = page[page.length - 1];
  return {
    ledger: { id: ledger.id, name: ledger.name, groupId: ledger.groupId, groupName: ledger.groupName },
    period: range,
    openingBalance: money(opening),
    totalDebit: totals.debit,
    totalCredit: totals.credit,
    closingBalance: money(opening.plus(dec(totals.debit)).minus(dec(totals.credit))),
    pageOpeningBalance: money(pageOpening),
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor([last.date, last.voucher_id, last.is_reversal, last.line_no, money(balance)]) : null,
  };
}
