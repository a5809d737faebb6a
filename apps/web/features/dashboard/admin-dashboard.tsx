'use client';
import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { adminDashboardSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApi } from '@/lib/use-api';

function Stat({ label, value, color, href }: { label: string; value: number | string; color?: string; href: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Anchor component={Link} href={href} underline="never" c={color ?? 'inherit'}>
        <Text fz={26} fw={700} mt={4} inherit>
          {value}
        </Text>
      </Anchor>
    </Card>
  );
}

export function AdminDashboard() {
  const data = useApi((signal) => apiRequest('/admin/dashboard', { schema: adminDashboardSchema, signal }), []);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} onRetry={data.reload} />;
  const d = data.data;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Stat label="Organisations" value={d.organizations.total} href="/admin/organisations" />
        <Stat label="Active" value={d.organizations.by_status.active} color="teal" href="/admin/organisations" />
        <Stat
          label="Suspended"
          value={d.organizations.by_status.suspended}
          color={d.organizations.by_status.suspended ? 'orange' : undefined}
          href="/admin/organisations"
        />
        <Stat label="Active users" value={d.active_users} href="/admin/users" />
        <Stat
          label="Failed logins (24 h)"
          value={d.failed_logins_last_day}
          color={d.failed_logins_last_day ? 'red' : undefined}
          href="/admin/audit"
        />
      </SimpleGrid>
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Email</Title>
          <Badge color={d.email.configured ? 'teal' : 'red'}>{d.email.configured ? 'configured' : 'not configured'}</Badge>
        </Group>
        <Text size="sm">
          Outbox: {d.email.outbox_depth} waiting · last 24 h: {d.email.sent_last_day} sent, {d.email.failed_last_day} failed
        </Text>
        {d.email.problems.length > 0 && (
          <Alert color="orange" mt="sm" title="Configuration problems">
            <List size="sm">
              {d.email.problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Anchor component={Link} href="/admin/email" size="sm" mt="xs" display="inline-block">
          Email settings and test message
        </Anchor>
      </Card>
      <Text size="xs" c="dimmed">
        As of {formatDateTime(d.generated_at)}
      </Text>
    </Stack>
  );
}
