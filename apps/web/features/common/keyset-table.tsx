'use client';
import { Button, Center } from '@mantine/core';
import type { ReactNode } from 'react';
import type { KeysetList } from '@/lib/use-keyset-list';
import { ScrollTable } from './scroll-table';
import { EmptyState, ErrorState, LoadingState } from './states';

/**
 * A keyset-paged table fed by `useKeysetList` (the registers, masters and stock): the rows so
 * far, then under them the error (with retry), loading, empty and "Load more" states.
 */
export function KeysetTable<T>({
  list,
  label,
  minWidth,
  head,
  row,
  empty,
}: {
  list: KeysetList<T>;
  label: string;
  minWidth: number;
  head: ReactNode;
  row: (item: T) => ReactNode;
  empty: ReactNode;
}) {
  return (
    <>
      <ScrollTable minWidth={minWidth} label={label} head={head}>
        {list.items.map(row)}
      </ScrollTable>
      {list.error && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.loading && <LoadingState />}
      {!list.loading && !list.error && list.items.length === 0 && <EmptyState>{empty}</EmptyState>}
      {list.hasMore && !list.loading && (
        <Center py="sm">
          <Button variant="light" onClick={list.loadMore}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}
