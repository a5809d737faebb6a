'use client';
import { AdminDashboard } from '@/features/dashboard/admin-dashboard';
import { OrgDashboard } from '@/features/dashboard/org-dashboard';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function DashboardPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Dashboard" description={user.organization_name ?? 'Platform console'} />
      {user.role === 'super_admin' ? <AdminDashboard /> : <OrgDashboard user={user} />}
    </>
  );
}
