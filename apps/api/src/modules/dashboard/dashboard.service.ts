import { dec, indianDate, ORGANIZATION_STATUSES, toMoney } from '@tritiq/contracts';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import type { Actor } from '../../lib/actor';
import type { EmailService } from '../email';
import {
  countActiveMasters,
  countActiveUsers,
  countAuditEventsSince,
  countOrganizationsByStatus,
  findLatestVouchers,
  findLowStock,
  sumVouchersByDay,
} from './dashboard.repo';

const LIST_SIZE = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every calendar date from `from` to `to` inclusive (YYYY-MM-DD, no time zone involved). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + DAY_MS)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

function addMoney(a: string, b: string): string {
  return toMoney(dec(a).plus(dec(b)));
}

export interface DashboardServiceDeps {
  sessions: SessionManager;
  clock: Clock;
  email: Pick<EmailService, 'status'>;
}

export function createDashboardService({ sessions, clock, email }: DashboardServiceDeps) {
  async function getOrgDashboard(actor: Actor) {
    // The month as it is in India, where the organisation's vouchers are dated.
    const today = indianDate(clock.now());
    const from = `${today.slice(0, 8)}01`;
    const [byDay, counts, lowStock, latest] = await sessions.transaction(
      // One connection: the statements run one after another.
      async (tx) =>
        [
          await sumVouchersByDay(tx, actor.organizationId, from, today),
          await countActiveMasters(tx, actor.organizationId),
          await findLowStock(tx, actor.organizationId, LIST_SIZE),
          await findLatestVouchers(tx, actor.organizationId, LIST_SIZE),
        ] as const,
      { organizationId: actor.organizationId, readOnly: true, label: 'dashboard.org' },
    );
    const totals = { sales: { total: '0.00', count: 0 }, purchase: { total: '0.00', count: 0 } };
    const daily = new Map(datesBetween(from, today).map((d) => [d, { date: d, sales: '0.00', purchases: '0.00' }]));
    for (const row of byDay) {
      const type = row.type === 'sales' ? 'sales' : 'purchase';
      totals[type].total = addMoney(totals[type].total, row.total);
      totals[type].count += row.n;
      const day = daily.get(row.date);
      if (day) {
        if (type === 'sales') day.sales = addMoney(day.sales, row.total);
        else day.purchases = addMoney(day.purchases, row.total);
      }
    }
    return {
      month: { from, to: today },
      sales: totals.sales,
      purchases: totals.purchase,
      daily: [...daily.values()],
      counts,
      lowStock: { count: lowStock.count, items: lowStock.items },
      latestVouchers: latest.map((v) => ({ ...v, voucherType: v.voucherType as 'sales' | 'purchase' })),
    };
  }

  async function getAdminDashboard() {
    const now = clock.now();
    const since = new Date(now.getTime() - DAY_MS);
    const [orgRows, activeUsers, failedLogins] = await sessions.run(
      async (db) =>
        [
          await countOrganizationsByStatus(db),
          await countActiveUsers(db),
          await countAuditEventsSince(db, 'auth.login_failed', since),
        ] as const,
    );
    const byStatus = Object.fromEntries(ORGANIZATION_STATUSES.map((s) => [s, 0])) as Record<(typeof ORGANIZATION_STATUSES)[number], number>;
    for (const row of orgRows) byStatus[row.status] = row.n;
    const mail = await email.status();
    return {
      organizations: { total: orgRows.reduce((sum, r) => sum + r.n, 0), byStatus },
      activeUsers,
      failedLoginsLastDay: failedLogins,
      email: {
        configured: mail.configured,
        problems: mail.problems,
        outboxDepth: mail.outbox.depth,
        sentLastDay: mail.lastDay.sent,
        failedLastDay: mail.lastDay.failed,
      },
      generatedAt: now.toISOString(),
    };
  }

  return { getOrgDashboard, getAdminDashboard };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
