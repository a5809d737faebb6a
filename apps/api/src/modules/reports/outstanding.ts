import { AGEING_BUCKETS, AGEING_LABELS, dec, ZERO, type Decimal } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { findOutstanding, type OutstandingRow } from './bills.repo';
import type { ReportsDeps } from './reports.deps';
import { asOfDate, money } from './reports.period';

type Figures = Pick<OutstandingRow, 'notDue' | 'd1to30' | 'd31to60' | 'd61to90' | 'over90' | 'total' | 'onAccount'> & { bills: number };

/** The AGEING_BUCKETS in order, each from its column. */
const BUCKET_FIELDS = {
  not_due: 'notDue',
  '1-30': 'd1to30',
  '31-60': 'd31to60',
  '61-90': 'd61to90',
  over_90: 'over90',
} as const satisfies Record<(typeof AGEING_BUCKETS)[number], keyof Figures>;

function present(f: Figures) {
  return {
    bills: f.bills,
    buckets: AGEING_BUCKETS.map((bucket) => ({ bucket, label: AGEING_LABELS[bucket], amount: money(f[BUCKET_FIELDS[bucket]]) })),
    total: money(f.total),
    onAccount: money(f.onAccount),
    net: money(dec(f.total).minus(dec(f.onAccount))),
  };
}

/**
 * Outstanding receivables or payables as on a date (BOOKS.md, "Bills: outstanding and ageing"):
 * per party, its open bills' outstanding on that day by days past the due date, and its advances
 * on account; the totals of every party. Bills dated after the day, allocations that count from
 * after it and cancelled vouchers (their bills and allocations) are left out.
 */
export async function getOutstanding(deps: ReportsDeps, actor: Actor, query: { side: 'receivable' | 'payable'; asOf?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const rows = await deps.sessions.transaction(
    (tx) => findOutstanding(tx, actor.organizationId, { side: query.side, asOf }),
    tenantTx(actor, 'reports.outstanding', true),
  );
  const sum = (field: keyof Omit<Figures, 'bills'>) => rows.reduce((s: Decimal, r) => s.plus(dec(r[field])), ZERO).toString();
  const total: Figures = {
    bills: rows.reduce((s, r) => s + r.bills, 0),
    notDue: sum('notDue'),
    d1to30: sum('d1to30'),
    d31to60: sum('d31to60'),
    d61to90: sum('d61to90'),
    over90: sum('over90'),
    total: sum('total'),
    onAccount: sum('onAccount'),
  };
  return {
    side: query.side,
    asOf,
    parties: rows.map((r) => ({ partyId: r.partyId, name: r.name, ...present(r) })),
    total: present(total),
  };
}
