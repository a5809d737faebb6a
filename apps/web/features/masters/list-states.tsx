'use client';

import { Alert, Button, Center, Group, Loader, Table, Text } from '@mantine/core';

/** The loading, empty, error and "load more" rows every list shares. */
export function ListFooter(props: {
  loading: boolean;
  error: string | null;
  empty: boolean;
  emptyText: string;
  hasMore: boolean;
  onMore: () => void;
  onRetry: () => void;
}) {
  return (
    <>
      {props.error && (
        <Alert color="red" title="Could not load" role="alert" mt="sm">
          <Group justify="space-between">
            <Text size="sm">{props.error}</Text>
            <Button size="xs" variant="light" onClick={props.onRetry}>
              Try again
            </Button>
          </Group>
        </Alert>
      )}
      {props.loading && (
        <Center py="md" aria-live="polite">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      )}
      {!props.loading && !props.error && props.empty && (
        <Text c="dimmed" ta="center" py="lg" data-testid="empty-state">
          {props.emptyText}
        </Text>
      )}
      {props.hasMore && !props.loading && (
        <Center py="sm">
          <Button variant="light" onClick={props.onMore}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}

/** A horizontally scrolling table that stays usable on a tablet-width screen. */
export function ScrollTable({ minWidth, children, label }: { minWidth: number; children: React.ReactNode; label: string }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
