'use client';
import { Group, Pagination, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { counted } from '@/lib/format';
import type { Loadable } from '@/lib/use-api';
import { ScrollTable } from './scroll-table';
import { EmptyState, ErrorState, LoadingState } from './states';

const CONTROL_LABELS = { first: 'First page', previous: 'Previous page', next: 'Next page', last: 'Last page' } as const;

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
        {counted(total, noun.replace(/s$/, ''), noun)}
      </Text>
      <Pagination
        total={Math.max(1, Math.ceil(total / pageSize))}
        value={page}
        onChange={onPage}
        size="sm"
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
        getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
      />
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
      <ScrollTable minWidth={minWidth} head={head}>
        {list.data.items.map(row)}
      </ScrollTable>
      <PagedFooter total={list.data.total} noun={noun} pageSize={pageSize} page={page} onPage={onPage} />
    </>
  );
}
