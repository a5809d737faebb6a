'use client';
import { EmailStatus } from '@/features/admin/email-status';
import { PageHeader } from '@/features/shell/page-header';

export default function EmailPage() {
  return (
    <>
      <PageHeader title="Email" description="Outgoing mail: configuration, outbox and a test message." />
      <EmailStatus />
    </>
  );
}
