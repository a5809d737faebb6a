'use client';
import { SystemHealth } from '@/features/admin/system-health';
import { PageHeader } from '@/features/shell/page-header';

export default function HealthPage() {
  return (
    <>
      <PageHeader title="System health" description="Database, connection pool and email outbox." />
      <SystemHealth />
    </>
  );
}
