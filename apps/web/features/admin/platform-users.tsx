'use client';
import { Anchor, Badge, Group, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { platformUserPageSchema, ROLE_LABELS } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { EmptyState, ErrorState, LoadingState, PagedFooter } from '@/features/shell/states';
import { apiRequest } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApi } from '@/lib/use-api';

const PAGE = 25;

export function PlatformUsers() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const list = useApi(
    (signal) => apiRequest('/admin/users', { schema: platformUserPageSchema, query: { search: debounced, limit: PAGE, offset: (page - 1) * PAGE }, signal }),
    [debounced, page],
  );
  return (
    <Stack gap="md">
      <TextInput
        aria-label="Search users"
        placeholder="Search by name or email"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        w={{ base: '100%', sm: 320 }}
      />
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.reload} />}
      {list.status === 'ready' &&
        (list.data.items.length === 0 ? (
          <EmptyState>No user matches.</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Email</Table.Th>
                    <Table.Th>Organisation</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Last sign-in</Table.Th>
                    <Table.Th aria-label="Actions" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{u.full_name}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>{u.organization_name ?? '—'}</Table.Td>
                      <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge color={u.is_active ? 'teal' : 'gray'} variant="light">
                            {u.is_active ? 'active' : 'inactive'}
                          </Badge>
                          {u.locked_until && new Date(u.locked_until) > new Date() && (
                            <Badge color="orange" variant="light">
                              locked
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDateTime(u.last_login_at)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} href={`/admin/password-reset?email=${encodeURIComponent(u.email)}`} size="sm">
                          Reset password
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <PagedFooter total={list.data.total} noun="users" pageSize={PAGE} page={page} onPage={setPage} />
          </>
        ))}
    </Stack>
  );
}
