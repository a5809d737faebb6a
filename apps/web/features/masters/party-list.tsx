'use client';

import { Anchor, Button, Group, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { partyPageSchema, partySchema, type PartyKind } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { KeysetTable } from '@/features/common/keyset-table';
import { ActiveBadge, MasterActionConfirm, MasterActionsMenu, useMasterActions, useMasterEditor } from './master-actions';
import { PartyForm } from './party-form';
import { isAdminRole } from '@/lib/access';
import { useCurrentRole } from '@/lib/session';
import { stateLabel } from '@/lib/gst';
import { useDebouncedValue } from '@mantine/hooks';
import { useKeysetList } from '@/lib/use-keyset-list';

/** Vendors or customers: search, active filter, keyset pages, create/edit, admin actions. */
export function PartyListPage({ kind }: { kind: PartyKind }) {
  const plural = kind === 'vendor' ? 'Vendors' : 'Customers';
  const singular = kind === 'vendor' ? 'vendor' : 'customer';
  const isAdmin = isAdminRole(useCurrentRole());
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useKeysetList(`${q}|${showInactive}`, (cursor) =>
    api.get(`/${kind}s`, partyPageSchema, { search: q || undefined, active_only: String(!showInactive), limit: 50, cursor }),
  );
  const editor = useMasterEditor(list);
  const actions = useMasterActions({ path: `/${kind}s`, schema: partySchema, list, showInactive });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{plural}</Title>
        <Button onClick={() => editor.open(null)}>New {singular}</Button>
      </Group>
      <Group gap="md" wrap="wrap" align="end">
        <TextInput
          label={`Search ${plural.toLowerCase()}`}
          placeholder="Name, phone, email or GSTIN"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          type="search"
        />
        <Switch label="Show deactivated" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
      </Group>
      <KeysetTable
        list={list}
        label={plural}
        minWidth={760}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>GSTIN</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>City</Table.Th>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(p) => (
          <Table.Tr key={p.id} data-testid={`party-row-${p.name}`}>
            <Table.Td>
              <Anchor component={Link} href={`/${kind}s/${p.id}`} fw={500}>
                {p.name}
              </Anchor>
            </Table.Td>
            <Table.Td ff="monospace">{p.gstin ?? ''}</Table.Td>
            <Table.Td>{stateLabel(p.state_code)}</Table.Td>
            <Table.Td>{p.city ?? ''}</Table.Td>
            <Table.Td>
              <Text size="sm">{p.contact_number ?? ''}</Text>
              <Text size="xs" c="dimmed">
                {p.email ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <ActiveBadge active={p.is_active} />
            </Table.Td>
            <Table.Td>
              <MasterActionsMenu record={p} isAdmin={isAdmin} onEdit={() => editor.open(p)} onAsk={actions.ask} />
            </Table.Td>
          </Table.Tr>
        )}
        empty={q ? `No ${plural.toLowerCase()} match "${q}".` : `No ${plural.toLowerCase()} yet. Add the first one.`}
      />
      {editor.editing && (
        <PartyForm
          key={editor.editing.record?.id ?? 'new'}
          kind={kind}
          party={editor.editing.record}
          opened
          onClose={editor.close}
          onSaved={editor.saved}
        />
      )}
      <MasterActionConfirm
        actions={actions}
        messages={{
          delete: `The ${singular} is removed for good. A ${singular} that any voucher uses cannot be deleted; deactivate it instead.`,
          deactivate: `A deactivated ${singular} stays on its vouchers but cannot be picked for new ones.`,
          activate: `The ${singular} can be picked for new vouchers again.`,
        }}
      />
    </Stack>
  );
}
