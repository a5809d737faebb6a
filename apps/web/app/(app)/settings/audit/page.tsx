'use client';
import { AuditEvents } from '@/features/audit/audit-events';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function AuditPage() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Audit events" description="Every sign-in, password, user and settings change in your organisation." />
      <AuditEvents me={me} />
    </>
  );
}
