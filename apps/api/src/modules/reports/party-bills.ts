import { dec, daysBetween, indianDate, toMoney, ZERO } from '@tritiq/contracts';
import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { findBillAllocations, presentBillAllocations } from '../books';
import { findPartyById } from '../parties';
import { findPartyBills, findPartyBillTotals, type BillFilter, type BillRow } from './bills.repo';
import type { ReportsDeps } from './reports.deps';

const cursorShape = z.tuple([z.iso.date(), z.uuid()]);

function statusOf(b: BillRow): 'unpaid' | 'partly_paid' | 'paid' | 'cancelled' {
  if (b.cancelled) return 'cancelled';
  const outstanding = dec(b.outstanding);
  if (outstanding.eq(ZERO)) return 'paid';
  return outstanding.lt(dec(b.amount)) ? 'partly_paid' : 'unpaid';
}

/**
 * A customer's or vendor's bills (BOOKS.md, "Bills"): each invoice (or opening bill) with its due
 * date, amount, what is allocated and outstanding, its status and days overdue today, and every
 * allocation to it; open ones by default, oldest first, keyset-paged; with the party's totals.
 */
export async function getPartyBills(
  deps: ReportsDeps,
  actor: Actor,
  partyId: string,
  query: { status: BillFilter; limit: number; cursor?: string },
) {
  const today = indianDate(deps.clock.now());
  const after = decodeCursor(query.cursor, cursorShape);
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const party = await findPartyById(tx, org, partyId);
      if (!party) throw notFound('Party');
      const rows = await findPartyBills(tx, org, {
        partyId,
        filter: query.status,
        today,
        limit: query.limit + 1,
        after: after ? { date: after[0], id: after[1] } : undefined,
      });
      const page = rows.slice(0, query.limit);
      const allocations = await findBillAllocations(
        tx,
        org,
        page.map((b) => b.id),
      );
      const totals = await findPartyBillTotals(tx, org, partyId, today);
      const { items, nextCursor } = pageOf(
        rows,
        query.limit,
        (b) => {
          const status = statusOf(b);
          const open = status === 'unpaid' || status === 'partly_paid';
          const days = open ? Math.max(0, daysBetween(b.dueDate, today)) : 0;
          return {
            id: b.id,
            partyId: b.partyId,
            side: b.side,
            ref: b.ref,
            isOpening: b.voucherId === null,
            voucherId: b.voucherId,
            voucherType: b.voucherType,
            voucherNumber: b.voucherNumber,
            date: b.billDate,
            dueDate: b.dueDate,
            amount: toMoney(dec(b.amount)),
            allocated: toMoney(dec(b.amount).minus(dec(b.outstanding))),
            outstanding: toMoney(dec(b.outstanding)),
            status,
            overdue: days > 0,
            daysOverdue: days,
            allocations: presentBillAllocations(allocations, b.id),
          };
        },
        (b) => [b.billDate, b.id],
      );
      return {
        party: { id: party.id, name: party.name, kind: party.kind },
        side: party.kind === 'customer' ? ('receivable' as const) : ('payable' as const),
        asOf: today,
        totalOutstanding: toMoney(dec(totals.outstanding)),
        overdueOutstanding: toMoney(dec(totals.overdue)),
        onAccount: toMoney(dec(totals.onAccount)),
        items,
        nextCursor,
      };
    },
    tenantTx(actor, 'party.bills', true),
  );
}
