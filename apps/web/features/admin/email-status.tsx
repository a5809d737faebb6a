'use client';
import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useForm } from '@mantine/form';
import { emailSendResultSchema, emailServiceStatusSchema, emailTestRequestSchema } from '@tritiq/contracts';
import { useState } from 'react';
import { schemaValidator } from '@/features/common/form-errors';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest } from '@/lib/api-client';
import { useApi } from '@/lib/use-api';

function TestEmail() {
  const [result, setResult] = useState<{ sent: boolean; error: string | null } | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { to: '' },
    validate: schemaValidator(emailTestRequestSchema, (v: { to: string }) => ({ to: v.to.trim() })),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    setResult(null);
    setResult(await apiRequest('/admin/email/test', { method: 'POST', body: { to: values.to.trim() }, schema: emailSendResultSchema }));
  });
  return (
    <Card withBorder radius="md">
      <Title order={4} mb="sm">
        Send a test email
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Send to" type="email" required w={320} {...form.getInputProps('to')} />
          <Button type="submit" loading={busy}>
            Send test email
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
      {result && (
        <Alert color={result.sent ? 'teal' : 'red'} mt="sm" data-testid="test-email-result">
          {result.sent ? 'Sent: check the inbox.' : `Not sent: ${result.error ?? 'unknown reason'}`}
        </Alert>
      )}
    </Card>
  );
}

export function EmailStatus() {
  const status = useApi((signal) => apiRequest('/admin/email/status', { schema: emailServiceStatusSchema, signal }), []);
  return (
    <Stack gap="md">
      {status.status === 'loading' && <LoadingState />}
      {status.status === 'error' && <ErrorState message={status.message} onRetry={status.reload} />}
      {status.status === 'ready' && (
        <Card withBorder radius="md">
          <Group justify="space-between" mb="sm">
            <Title order={4}>Configuration</Title>
            <Group gap="xs">
              <Badge color={status.data.configured ? 'teal' : 'red'}>{status.data.configured ? 'configured' : 'not configured'}</Badge>
              <Button size="xs" variant="subtle" onClick={status.reload}>
                Refresh
              </Button>
            </Group>
          </Group>
          {status.data.problems.length > 0 && (
            <Alert color="orange" mb="sm" title="Problems">
              <List size="sm">
                {status.data.problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Table variant="vertical" withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>SMTP server</Table.Th>
                  <Table.Td>
                    {status.data.smtp ? `${status.data.smtp.host}:${status.data.smtp.port}${status.data.smtp.secure ? ' (TLS)' : ''}` : '—'}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>From</Table.Th>
                  <Table.Td>{status.data.smtp ? `${status.data.smtp.from_name} <${status.data.smtp.from_email}>` : '—'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Worker</Table.Th>
                  <Table.Td>
                    {status.data.worker.in_process ? 'in the API process' : 'separate process'} ·{' '}
                    {status.data.worker.running ? 'running' : 'not running'}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Table variant="vertical" withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>Outbox</Table.Th>
                  <Table.Td data-testid="outbox-depth">
                    {status.data.outbox.depth} waiting
                    {status.data.outbox.oldest_pending_age_seconds !== null &&
                      ` (oldest ${Math.round(status.data.outbox.oldest_pending_age_seconds)} s)`}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Last 24 h</Table.Th>
                  <Table.Td>
                    {status.data.last_day.sent} sent, {status.data.last_day.failed} failed
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            SMTP settings come from the server&apos;s environment (SMTP_HOST, SMTP_PORT, …); see the README.
          </Text>
        </Card>
      )}
      <TestEmail />
    </Stack>
  );
}
