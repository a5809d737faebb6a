'use client';
import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useDebouncedValue } from '@mantine/hooks';
import { ACCOUNT_AUDIT_ACTIONS, auditEventPageSchema, type CurrentUser } from '@tritiq/contracts';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { DateField } from '@/features/common/date-field';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { formatDateTime, useDateFormat } from '@/lib/format';
import { ScrollBox } from '@/features/common/scroll-table';
import { AuditDetails } from './audit-details';

type AuditEvent = z.infer<typeof auditEventPageSchema>['items'][number];

const ACTION_OPTIONS = [
  { group: 'Areas', items: ['auth.', 'user.', 'organization.', 'voucher.', 'stock.'].map((p) => ({ value: p, label: `${p}*` })) },
  { group: 'Actions', items: ACCOUNT_AUDIT_ACTIONS.map((a) => ({ value: a, label: a })) },
];

/** India-time day boundaries as ISO instants for the API's from/to. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00+05:30`).toISOString() : undefined);
const dayEnd = (d: string) => (d ? new Date(new Date(`${d}T00:00:00+05:30`).getTime() + 86_400_000).toISOString() : undefined);

export function AuditEvents({ me }: { me: CurrentUser }) {
  const [action, setAction] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [org, setOrg] = useState('');
  const [debouncedActor] = useDebouncedValue(actor, 400);
  const [debouncedOrg] = useDebouncedValue(org, 400);
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'more'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const dateFormat = useDateFormat(me.organization_id);

  const query = {
    action: action ?? undefined,
    actor_email: debouncedActor.trim() || undefined,
    from: dayStart(from),
    to: dayEnd(to),
    organization_id: me.role === 'super_admin' && /^[0-9a-f-]{36}$/i.test(debouncedOrg.trim()) ? debouncedOrg.trim() : undefined,
    limit: 50,
  };

  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    setError(null);
    apiRequest('/audit-events', { schema: auditEventPageSchema, query, signal: controller.signal })
      .then((page) => {
        setItems(page.items);
        setCursor(page.next_cursor);
        setStatus('ready');
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setStatus('ready');
      });
    return () => controller.abort();
  }, [action, debouncedActor, from, to, debouncedOrg, tick]);

  const loadMore = () => {
    if (!cursor) return;
    setStatus('more');
    apiRequest('/audit-events', { schema: auditEventPageSchema, query: { ...query, cursor } })
      .then((page) => {
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.next_cursor);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setStatus('ready'));
  };

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label="Action" placeholder="Any" data={ACTION_OPTIONS} value={action} onChange={setAction} clearable searchable w={220} />
        <TextInput
          label="Actor email"
          placeholder="someone@example.in"
          value={actor}
          onChange={(e) => setActor(e.currentTarget.value)}
          w={220}
        />
        {/* The organisation's date format (DD/MM/YYYY by default), not the browser's locale as a native date input would. */}
        <DateField label="From" clearable format={dateFormat} value={from} onChange={setFrom} w={160} />
        <DateField label="To" clearable format={dateFormat} value={to} onChange={setTo} w={160} />
        {me.role === 'super_admin' && (
          <TextInput label="Organisation id" placeholder="UUID" value={org} onChange={(e) => setOrg(e.currentTarget.value)} w={300} />
        )}
      </Group>
      {status === 'loading' && <LoadingState />}
      {error && <ErrorState message={error} onRetry={() => setTick((n) => n + 1)} />}
      {status !== 'loading' && !error && items.length === 0 && <EmptyState>No events match these filters.</EmptyState>}
      {status !== 'loading' && items.length > 0 && (
        <ScrollBox>
          <Table striped fz="sm" miw={720} aria-label="Audit events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.occurred_at, dateFormat)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" ff="monospace">
                        {e.action}
                      </Text>
                      {!e.success && (
                        <Badge color="red" size="xs">
                          failed
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.actor_email ?? '—'}</Table.Td>
                  <Table.Td>{e.target_type ? `${e.target_type}` : '—'}</Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                  <Table.Td>
                    <AuditDetails details={e.details} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
      {cursor && status !== 'loading' && (
        <Group justify="center">
          <Button variant="light" onClick={loadMore} loading={status === 'more'}>
            Load older events
          </Button>
        </Group>
      )}
    </Stack>
  );
}
