import { ZERO, dec } from '@tritiq/contracts';
import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { ReportsDeps } from './reports.deps';
import { money, rangeOf } from './reports.period';
import { findDayBook } from './reports.repo';
import type { StatementQuery } from './ledger-statement';

const cursorShape = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.uuid()]);

/**
 * The day book (BOOKS.md): every voucher dated in [from, to], in date order (and the order they
 * were made in), each with the entries it posted; a cancelled one stays listed as cancelled.
 */
export async function getDayBook(deps: ReportsDeps, actor: Actor, query: StatementQuery) {
  const range = rangeOf(deps.clock, query);
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await deps.sessions.transaction(
    (tx) => findDayBook(tx, actor.organizationId, { ...range, after: after && { date: after[0], id: after[1] }, limit: query.limit + 1 }),
    tenantTx(actor, 'reports.day_book', true),
  );
  const page = pageOf(
    rows,
    query.limit,
    (r) => {
      const entries =
        typeof r.entries === 'string' ? (JSON.parse(r.entries) as NonNullable<Exclude<typeof r.entries, string>>) : (r.entries ?? []);
      return {
        id: r.id,
        date: r.date,
        voucherType: r.voucher_type,
        voucherNumber: r.voucher_number,
        partyName: r.party_name,
        amount: r.grand_total,
        status: r.status,
        entries: entries.map((e) => {
          const amount = dec(e.amount);
          return {
            ledgerId: e.ledger_id,
            ledgerName: e.ledger_name,
            debit: amount.gt(ZERO) ? money(amount) : '0.00',
            credit: amount.lt(ZERO) ? money(amount.neg()) : '0.00',
          };
        }),
      };
    },
    (r) => [r.date, r.id],
  );
  return { period: range, ...page };
}
