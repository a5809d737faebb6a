import { AGEING_BUCKETS, AGEING_LABELS } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { findOutstanding, type OutstandingFigures } from './bills.repo';
import type { ReportsDeps } from './reports.deps';
import { asOfDate } from './reports.period';

/** The AGEING_BUCKETS in order, each from its column. */
const BUCKET_FIELDS = {
  not_due: 'notDue',
  '1-30': 'd1to30',
  '31-60': 'd31to60',
  '61-90': 'd61to90',
  over_90: 'over90',
} as const satisfies Record<(typeof AGEING_BUCKETS)[number], keyof OutstandingFigures>;

/** The figures as the answer carries them: already two-decimal text from the query, so only the buckets are shaped here. */
function present(f: OutstandingFigures) {
  return {
    bills: f.bills,
    buckets: AGEING_BUCKETS.map((bucket) => ({ bucket, label: AGEING_LABELS[bucket], amount: f[BUCKET_FIELDS[bucket]] })),
    total: f.total,
    onAccount: f.onAccount,
    net: f.net,
  };
}

/**
 * Outstanding receivables or payables as on a date (BOOKS.md, "Bills: outstanding and ageing"):
 * per party, its open bills' outstanding on that day by days past the due date, and its advances
 * on account; the totals of every party. Bills dated after the day, allocations that count from
 * after it and cancelled vouchers (their bills and allocations) are left out. Every figure,
 * totals included, is summed and formatted by the query.
 */
export async function getOutstanding(deps: ReportsDeps, actor: Actor, query: { side: 'receivable' | 'payable'; asOf?: string }) {
  const asOf = asOfDate(deps.clock, query);
  const found = await deps.sessions.transaction(
    (tx) => findOutstanding(tx, actor.organizationId, { side: query.side, asOf }),
    tenantTx(actor, 'reports.outstanding', true),
  );
  return {
    side: query.side,
    asOf,
    parties: found.parties.map((r) => ({ partyId: r.partyId, name: r.name, ...present(r) })),
    total: present(found.total),
  };
}
