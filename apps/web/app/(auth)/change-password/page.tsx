'use client';
import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { ChangePasswordForm } from '@/features/auth/change-password-form';
import { LoadingState } from '@/features/common/states';
import { useSession } from '@/lib/session';

/** The forced change: until it is done the API refuses everything else, so this is the only page. */
export default function ForcedChangePasswordPage() {
  const { state, reload, logout } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (state.status === 'anonymous') router.replace('/login');
    if (state.status === 'signed-in' && !state.user.must_change_password) router.replace('/');
  }, [state, router]);
  if (state.status !== 'signed-in' || !state.user.must_change_password) return <LoadingState />;
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Choose a new password
      </Title>
      <Alert color="indigo">
        Hello {state.user.full_name}. Your password was set by an administrator; choose your own before you continue.
      </Alert>
      <ChangePasswordForm
        forced
        onDone={() => {
          void reload().then(() => router.replace('/'));
        }}
      />
      <Group justify="center">
        <Text size="sm" c="dimmed">
          Not you?{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => void logout()}>
            Log out
          </Anchor>
        </Text>
      </Group>
    </Stack>
  );
}
