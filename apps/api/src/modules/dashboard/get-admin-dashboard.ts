import { ORGANIZATION_STATUSES } from '@tritiq/contracts';
import type { DashboardDeps } from './dashboard.deps';
import { countActiveUsers, countAuditEventsSince, countOrganizationsByStatus } from './dashboard.repo';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The platform console's home page: organisations by status, active users, failed logins, email health. */
export async function getAdminDashboard(deps: DashboardDeps) {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - DAY_MS);
  const [orgRows, activeUsers, failedLogins] = await deps.sessions.run(
    async (db) =>
      [
        await countOrganizationsByStatus(db),
        await countActiveUsers(db),
        await countAuditEventsSince(db, 'auth.login_failed', since),
      ] as const,
    { platform: true, label: 'dashboard.admin' },
  );
  const byStatus = Object.fromEntries(ORGANIZATION_STATUSES.map((s) => [s, 0])) as Record<(typeof ORGANIZATION_STATUSES)[number], number>;
  for (const row of orgRows) byStatus[row.status] = row.n;
  const mail = await deps.email.status();
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
