'use client';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { PasswordResetForm } from '@/features/admin/password-reset';
import { PageHeader } from '@/features/shell/page-header';

function WithEmail() {
  const email = useSearchParams().get('email') ?? '';
  return <PasswordResetForm key={email} initialEmail={email} />;
}

export default function PasswordResetPage() {
  return (
    <>
      <PageHeader title="Password reset" description="Reset any user's password, for example an organisation admin who is locked out." />
      <Suspense>
        <WithEmail />
      </Suspense>
    </>
  );
}
