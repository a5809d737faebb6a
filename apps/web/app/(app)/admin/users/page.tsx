'use client';
import { PlatformUsers } from '@/features/admin/platform-users';
import { PageHeader } from '@/features/shell/page-header';

export default function PlatformUsersPage() {
  return (
    <>
      <PageHeader
        title="Platform users"
        description="Every account on the platform, with its organisation. Platform administrators are added and deactivated here; an organisation's users are managed by its own admins."
      />
      <PlatformUsers />
    </>
  );
}
