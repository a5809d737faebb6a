'use client';
import { UsersAdmin } from '@/features/settings/users-admin';
import { PageHeader } from '@/features/shell/page-header';
import { useCurrentUser } from '@/lib/session';

export default function UsersPage() {
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to your organisation, and with which role." />
      <UsersAdmin me={me} />
    </>
  );
}
