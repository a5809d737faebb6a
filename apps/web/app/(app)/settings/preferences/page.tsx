'use client';
import { Preferences } from '@/features/settings/preferences-form';
import { PageHeader } from '@/features/shell/page-header';
import { TwoFactorPolicyCard } from '@/features/two-factor/policy-card';
import { useCurrentUser } from '@/lib/session';

export default function PreferencesPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Preferences" description="Stock policy, date format and voucher numbering." />
      <Preferences user={user} />
      <TwoFactorPolicyCard user={user} />
    </>
  );
}
