'use client';
import { Alert, Button, Center, Group, Loader, Pagination, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Loadable } from '@/lib/use-api';

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
      <Text c="dimmed">{children}</Text>
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

/** The foot of a page-numbered table: how many rows in all, and the page picker. */
export function PagedFooter({
  total,
  noun,
  pageSize,
  page,
  onPage,
}: {
  total: number;
  noun: string;
  pageSize: number;
  page: number;
  onPage: (page: number) => void;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {total} {noun}
      </Text>
      <Pagination total={Math.max(1, Math.ceil(total / pageSize))} value={page} onChange={onPage} size="sm" />
    </Group>
  );
}

/**
 * A page-numbered table fed by `useApi`: loading, error (with retry) and empty states, the rows
 * in a sideways-scrolling table, and `PagedFooter` under them.
 */
export function PagedTable<T>({
  list,
  empty,
  minWidth,
  head,
  row,
  noun,
  pageSize,
  page,
  onPage,
}: {
  list: Loadable<{ items: T[]; total: number }> & { reload: () => void };
  empty: ReactNode;
  minWidth: number;
  head: ReactNode;
  row: (item: T) => ReactNode;
  noun: string;
  pageSize: number;
  page: number;
  onPage: (page: number) => void;
}) {
  if (list.status === 'loading') return <LoadingState />;
  if (list.status === 'error') return <ErrorState message={list.message} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{list.data.items.map(row)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PagedFooter total={list.data.total} noun={noun} pageSize={pageSize} page={page} onPage={onPage} />
    </>
  );
}
