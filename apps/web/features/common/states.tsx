'use client';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import IconAlertCircle from '@tabler/icons-react/icons/IconAlertCircle';
import IconLock from '@tabler/icons-react/icons/IconLock';
import type { ReactNode } from 'react';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not load" role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed" ta="center" data-testid="empty-state">
        {children}
      </Text>
    </Center>
  );
}

export function NotPermitted() {
  return (
    <Center mih="50vh" data-testid="not-permitted">
      <Stack align="center" gap="xs">
        <IconLock size={40} stroke={1.5} />
        <Text fw={600} size="lg">
          Not permitted
        </Text>
        <Text c="dimmed" ta="center" maw={420}>
          Your role does not give access to this page. Ask your organisation&apos;s administrator if you need it.
        </Text>
      </Stack>
    </Center>
  );
}
