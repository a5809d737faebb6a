'use client';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function DashboardPage() {
  const user = useCurrentUser();
  return <PageHeader title="Dashboard" description={user.organization_name ?? 'Platform console'} />;
}
