'use client';
import { AuditEvents } from '@/features/audit/audit-events';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function AuditPage() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Audit" description="Every organisation's audit trail, and the platform's own." />
      <AuditEvents me={me} />
    </>
  );
}
