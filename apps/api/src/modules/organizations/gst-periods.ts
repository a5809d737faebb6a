import {
  gstPeriodOf,
  indianDate,
  type Camelized,
  type gstFiledPeriodListSchema,
  type gstFiledPeriodSchema,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { z } from 'zod';
import { AppError, notFound, validationError } from '../../lib/app-error';
import { toIso } from '../../lib/cursor';
import type { TenantPrincipal } from '../../lib/principal';
import type { RequestMeta } from '../../lib/route';
import { deleteGstFiledPeriod, findGstFiledPeriod, holdGstFilingLock, insertGstFiledPeriod, listGstFiledPeriods } from './gst-periods.repo';
import type { OrganizationsDeps } from './organizations.deps';
import { auditActor, auditMeta, lockOrThrow } from './organizations.rules';

/**
 * Filed GST periods (BOOKS.md, "Locking"; issue 16): an org admin marks a month's GSTR-1 filed or
 * unmarks it, both audited; while it is marked, sales invoices and notes dated in it can be neither
 * posted nor cancelled (`assertGstPeriodOpen`, called by the voucher engine).
 */

type FiledPeriodView = Camelized<z.output<typeof gstFiledPeriodSchema>>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-06` -> `June 2025`. */
export function monthName(period: string): string {
  return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/**
 * 409 `GST_PERIOD_FILED` when the voucher's month is marked filed: the message says what to do
 * instead (a note dated in an open month).
 */
export function assertGstPeriodOpen(
  def: Pick<VoucherTypeDefinition, 'label' | 'against'>,
  filed: { period: string } | undefined,
  doing: 'post' | 'cancel',
  voucherNumber?: string,
): void {
  if (!filed) return;
  const month = monthName(filed.period);
  const note = def.against?.purpose === 'return';
  const label = def.label.toLowerCase();
  const message =
    doing === 'cancel'
      ? note
        ? `${voucherNumber} is dated in ${month}, whose GSTR-1 is marked filed: it cannot be cancelled. Issue another note, dated in an open month, to correct it.`
        : `${voucherNumber} is dated in ${month}, whose GSTR-1 is marked filed: it cannot be cancelled. Issue a credit note (or debit note) against it, dated in an open month, instead.`
      : note
        ? `${month}'s GSTR-1 is marked filed: a ${label} dated in it cannot be posted. Date the note in an open month (a note may be made against an invoice of a filed month).`
        : `${month}'s GSTR-1 is marked filed: a ${label} dated in it cannot be posted. Date it in an open month, and correct invoices of the filed month with a credit or debit note.`;
  throw new AppError('GST_PERIOD_FILED', message, { errors: [{ field: doing === 'cancel' ? 'id' : 'date', message }] });
}

function present(row: { period: string; filedAt: Date; filedBy: string | null }, email: string | null): FiledPeriodView {
  return { period: row.period, filedAt: toIso(row.filedAt)!, filedBy: row.filedBy, filedByEmail: email };
}

export async function listGstPeriods(
  deps: Pick<OrganizationsDeps, 'sessions'>,
  principal: TenantPrincipal,
): Promise<Camelized<z.output<typeof gstFiledPeriodListSchema>>> {
  return deps.sessions.transaction(
    async (tx) => {
      const rows = await listGstFiledPeriods(tx, principal.organizationId);
      return { items: rows.map((r) => present(r, r.filedByEmail)) };
    },
    { organizationId: principal.organizationId, label: 'gst.periods.list' },
  );
}

/** Marks a month filed (not one that has not begun); marking it again keeps the first mark and answers it. */
export async function markGstPeriodFiled(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit' | 'clock'>,
  principal: TenantPrincipal,
  period: string,
  m: RequestMeta,
): Promise<FiledPeriodView> {
  const now = deps.clock.now();
  if (period > gstPeriodOf(indianDate(now))) throw validationError('period', `${monthName(period)} has not begun: it cannot be filed yet`);
  return deps.sessions.transaction(
    async (tx) => {
      // After the vouchers being posted or cancelled now, before any that start later (they then see
      // the mark). Taken before the organisation's row: a posting in flight holds the shared lock and
      // then needs that row (its foreign keys), so the other order could deadlock.
      await holdGstFilingLock(tx, principal.organizationId, 'exclusive');
      const org = await lockOrThrow(tx, principal.organizationId);
      // Filed as of when the lock is held: every voucher posted before the mark was stamped before it.
      const filedAt = deps.clock.now();
      const inserted = await insertGstFiledPeriod(tx, { organizationId: org.id, period, filedAt, filedBy: principal.userId });
      const row = inserted ? { period, filedAt, filedBy: principal.userId } : (await findGstFiledPeriod(tx, org.id, `${period}-01`))!;
      if (inserted) {
        await deps.audit.record(tx, {
          organizationId: org.id,
          actor: auditActor(principal),
          action: 'gst.period_filed',
          targetType: 'organization',
          targetId: org.id,
          details: { period },
          meta: auditMeta(m),
        });
      }
      return present(row, inserted ? principal.email : null);
    },
    { organizationId: principal.organizationId, label: 'gst.period_filed' },
  );
}

/** Unmarks a filed month (404 when it is not marked); audited with when it had been marked. */
export async function unmarkGstPeriodFiled(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit'>,
  principal: TenantPrincipal,
  period: string,
  m: RequestMeta,
): Promise<void> {
  await deps.sessions.transaction(
    async (tx) => {
      await holdGstFilingLock(tx, principal.organizationId, 'exclusive');
      const org = await lockOrThrow(tx, principal.organizationId);
      const removed = await deleteGstFiledPeriod(tx, org.id, period);
      if (!removed) throw notFound(`A filed GST period ${period}`);
      await deps.audit.record(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: 'gst.period_unfiled',
        targetType: 'organization',
        targetId: org.id,
        details: { period, filed_at: removed.filedAt.toISOString() },
        meta: auditMeta(m),
      });
    },
    { organizationId: principal.organizationId, label: 'gst.period_unfiled' },
  );
}
