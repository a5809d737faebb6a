'use client';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { dbHealthSchema, emailServiceStatusSchema, livenessSchema, poolStatusSchema } from '@tritiq/contracts';
import { ApiError, apiRequest } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import { ErrorState, LoadingState } from '@/features/common/states';

const color = (s: string) => (s === 'healthy' || s === 'ok' ? 'teal' : s === 'degraded' ? 'yellow' : 'red');

async function loadHealth(signal: AbortSignal) {
  // /health/db answers 503 with the same body when the database is down: show it, do not fail.
  const db = await apiRequest('/health/db', { schema: dbHealthSchema, signal }).catch((err: unknown) => {
    if (err instanceof ApiError) return { status: 'unhealthy' as const, message: err.detail, timestamp: Date.now() / 1000 };
    throw err;
  });
  const [live, pool, email] = await Promise.all([
    apiRequest('/health', { schema: livenessSchema, signal }),
    apiRequest('/health/pool', { schema: poolStatusSchema, signal }),
    apiRequest('/admin/email/status', { schema: emailServiceStatusSchema, signal }),
  ]);
  return { db, live, pool, email };
}

export function SystemHealth() {
  const data = useApi(loadHealth, []);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} onRetry={data.reload} />;
  const { db, live, pool, email } = data.data;
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button size="xs" variant="light" onClick={data.reload}>
          Refresh
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Card withBorder radius="md">
          <Group justify="space-between">
            <Title order={4}>Database</Title>
            <Badge color={color(db.status)} data-testid="db-health">
              {db.status}
            </Badge>
          </Group>
          <Text size="sm" mt="xs">
            {db.message}
          </Text>
          <Text size="xs" c="dimmed">
            Checked {formatDateTime(new Date(db.timestamp * 1000))}
          </Text>
        </Card>
        <Card withBorder radius="md">
          <Group justify="space-between">
            <Title order={4}>Connection pool</Title>
            <Badge color={color(pool.status)}>{pool.status}</Badge>
          </Group>
          <Table variant="vertical" withRowBorders={false} mt="xs">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>Size</Table.Th>
                <Table.Td>{pool.pool_size}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>In use / idle</Table.Th>
                <Table.Td>
                  {pool.checked_out} / {pool.checked_in}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Waiting</Table.Th>
                <Table.Td>{pool.waiting}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder radius="md">
          <Group justify="space-between">
            <Title order={4}>Email outbox</Title>
            <Badge color={email.outbox.depth > 0 && (email.outbox.oldest_pending_age_seconds ?? 0) > 600 ? 'orange' : 'teal'}>
              {email.outbox.depth} waiting
            </Badge>
          </Group>
          <Text size="sm" mt="xs">
            Last 24 h: {email.last_day.sent} sent, {email.last_day.failed} failed.
          </Text>
          {email.outbox.oldest_pending_age_seconds !== null && (
            <Text size="sm">Oldest waiting: {Math.round(email.outbox.oldest_pending_age_seconds)} s</Text>
          )}
          <Text size="xs" c="dimmed">
            Worker {email.worker.running ? 'running' : 'not running'}
          </Text>
        </Card>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        API version {live.version}, up {Math.round(live.uptime_seconds / 60)} min.
      </Text>
    </Stack>
  );
}
