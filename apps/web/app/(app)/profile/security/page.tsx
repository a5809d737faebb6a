'use client';
import { Stack } from '@mantine/core';
import { PageHeader } from '@/features/shell/page-header';
import { TwoFactorCard } from '@/features/two-factor/security-card';

export default function SecurityPage() {
  return (
    <>
      <PageHeader title="Sign-in security" description="A second step at sign-in: a code from an authenticator app on your phone." />
      <Stack maw={640}>
        <TwoFactorCard />
      </Stack>
    </>
  );
}
