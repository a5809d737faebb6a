'use client';
import { Card } from '@mantine/core';
import { useRouter } from 'next/navigation';
import { ChangePasswordForm } from '@/features/auth/change-password-form';
import { PageHeader } from '@/features/shell/page-header';
import { notify } from '@/lib/notify';

export default function ChangePasswordPage() {
  const router = useRouter();
  return (
    <>
      <PageHeader title="Change password" />
      <Card withBorder radius="md" maw={480}>
        <ChangePasswordForm
          forced={false}
          onDone={() => {
            notify({ color: 'teal', message: 'Password changed' });
            router.push('/profile');
          }}
        />
      </Card>
    </>
  );
}
