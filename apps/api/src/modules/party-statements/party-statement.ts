import {
  ageingBucketOf,
  AGEING_BUCKETS,
  AGEING_LABELS,
  dec,
  daysBetween,
  findVoucherType,
  indianDate,
  toMoney,
  ZERO,
  type AgeingBucket,
  type Camelized,
  type partyStatementSchema,
} from '@tritiq/contracts';
import type { z } from 'zod';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound, validationError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { findOpenBills, type OpenBillRow } from '../books';
import { findPartyById, type PartyRow } from '../parties';
import { findPartyLedger, rangeOf, statementOf } from '../reports';
import type { PartyStatementsDeps } from './party-statements.deps';

export type PartyStatement = Camelized<z.output<typeof partyStatementSchema>>;
export type Period = { from: string; to: string };

/** A statement is read whole (the PDF prints every entry); past this many, a shorter period is asked for. */
export const MAX_STATEMENT_ENTRIES = 5_000;
const PAGE = 500;

/** The open bills with their days overdue and ageing bucket on `asOf`, and the ageing totals. */
export function ageBills(rows: OpenBillRow[], asOf: string) {
  const totals = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, ZERO])) as Record<AgeingBucket, ReturnType<typeof dec>>;
  const bills = rows.map((b) => {
    const daysOverdue = daysBetween(b.dueDate, asOf);
    const bucket = ageingBucketOf(daysOverdue);
    totals[bucket] = totals[bucket].plus(dec(b.outstanding));
    return {
      id: b.id,
      ref: b.ref,
      voucherId: b.voucherId,
      billDate: b.billDate,
      dueDate: b.dueDate,
      amount: b.amount,
      outstanding: b.outstanding,
      daysOverdue,
      bucket,
    };
  });
  const total = AGEING_BUCKETS.reduce((sum, b) => sum.plus(totals[b]), ZERO);
  return {
    bills,
    ageing: {
      buckets: AGEING_BUCKETS.map((bucket) => ({ bucket, label: AGEING_LABELS[bucket], amount: toMoney(totals[bucket]) })),
      total: toMoney(total),
    },
  };
}

/**
 * A party's statement of account for [from, to], in the caller's transaction: its ledger's
 * opening balance, the entries of the period (every voucher that posts to the party's ledger:
 * invoices, receipts, payments, notes, and the reversal of a cancelled one) with the running
 * balance, the period's totals and closing balance, and its open bills aged on today.
 *
 * With `page` (the JSON answer) the entries are one keyset page of the ledger statement (limit,
 * cursor), the figures still those of the whole period; without it (the PDF, the email) every
 * entry of the period, up to MAX_STATEMENT_ENTRIES.
 */
export async function readPartyStatement(
  tx: Executor,
  organizationId: string,
  party: PartyRow,
  period: Period,
  today: string,
  page?: { limit: number; cursor?: string },
): Promise<PartyStatement> {
  const ledger = await findPartyLedger(tx, organizationId, party.id);
  if (!ledger) throw notFound('Party ledger');
  const scope = { organizationId };
  let read = await statementOf(tx, scope, ledger, period, page ?? { limit: PAGE });
  const head = read;
  const items = [...read.items];
  while (!page && read.nextCursor) {
    if (items.length >= MAX_STATEMENT_ENTRIES)
      throw validationError('from', `the period has more than ${MAX_STATEMENT_ENTRIES} entries: ask for a shorter one`);
    read = await statementOf(tx, scope, ledger, period, { limit: PAGE, cursor: read.nextCursor });
    items.push(...read.items);
  }
  const side = party.kind === 'customer' ? 'receivable' : 'payable';
  const { bills, ageing } = ageBills(await findOpenBills(tx, organizationId, { partyIds: [party.id], side }), today);
  return {
    party: { id: party.id, kind: party.kind, name: party.name, gstin: party.gstin, email: party.email },
    period,
    openingBalance: head.openingBalance,
    totalDebit: head.totalDebit,
    totalCredit: head.totalCredit,
    closingBalance: head.closingBalance,
    pageOpeningBalance: head.pageOpeningBalance,
    items: items.map((e) => ({
      date: e.date,
      voucherId: e.voucherId,
      voucherType: e.voucherType,
      voucherLabel: findVoucherType(e.voucherType)?.label ?? e.voucherType,
      voucherNumber: e.voucherNumber,
      isCancellation: e.isCancellation,
      debit: e.debit,
      credit: e.credit,
      balance: e.balance,
    })),
    nextCursor: page ? head.nextCursor : null,
    asOf: today,
    openBills: bills,
    ageing,
  };
}

export async function findStatementParty(tx: Executor, organizationId: string, partyId: string): Promise<PartyRow> {
  const party = await findPartyById(tx, organizationId, partyId);
  if (!party) throw notFound('Party');
  return party;
}

export function statementPeriod(clock: Clock, query: { from?: string; to?: string }): Period {
  return rangeOf(clock, query);
}

export async function getPartyStatement(
  deps: Pick<PartyStatementsDeps, 'sessions' | 'clock'>,
  actor: Actor,
  partyId: string,
  query: { from?: string; to?: string; limit: number; cursor?: string },
): Promise<PartyStatement> {
  const period = statementPeriod(deps.clock, query);
  const today = indianDate(deps.clock.now());
  const page = { limit: query.limit, cursor: query.cursor };
  return deps.sessions.transaction(
    async (tx) =>
      readPartyStatement(tx, actor.organizationId, await findStatementParty(tx, actor.organizationId, partyId), period, today, page),
    tenantTx(actor, 'party.statement', true),
  );
}
