'use client';

import { Anchor, Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { dec, toMoney, type partyPageSchema, type voucherPageSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { KeysetTable } from '@/features/common/keyset-table';
import { useOrganization } from '@/lib/organization';
import { useDebouncedValue } from '@mantine/hooks';
import { useKeysetList } from '@/lib/use-keyset-list';
import { LazyDateField, LazySelect } from '@/features/common/lazy-field';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { partyNoun, voucherPaths } from './paths';
import { LazyRemoteSelect } from './lazy-remote-select';
import { EmailBadge, StatusBadge } from './voucher-badges';
import { useEmailAvailability } from './use-email-availability';
import { useVoucherType } from '@/lib/voucher-types';
import { UnknownType } from './unknown-type';
import { ListSummary } from './list-summary';
import { useCurrentRole } from '@/lib/session';

type Party = z.output<typeof partyPageSchema>['items'][number];

const MODE_LABELS: Record<string, string> = { cash: 'Cash', cheque: 'Cheque', bank_transfer: 'Bank transfer', upi: 'UPI' };

/** A voucher type's register: date range, party, status and search filters, keyset pages. */
export function VoucherListPage({ def }: { def: VoucherTypeDefinition }) {
  const org = useOrganization();
  const noun = partyNoun(def);
  const role = useCurrentRole();
  const items = def.lines === 'items';
  const money = def.lines === 'none';
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [party, setParty] = useState<Party | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const validDate = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
  const filters = {
    from_date: validDate(from),
    to_date: validDate(to),
    party_id: party?.id,
    status: status ?? undefined,
    search: q || undefined,
  };
  const list = useKeysetList(JSON.stringify(filters), (cursor) =>
    apiJson<z.output<typeof voucherPageSchema>>(`/vouchers/${def.type}`, { query: { ...filters, limit: 50, cursor } }),
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);
  // A queued email waits while email is not configured: its badge says so instead of "Email queued".
  const unconfigured = useEmailAvailability(list.items.some((v) => v.email_status === 'queued'))?.configured === false;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{def.pluralLabel}</Title>
        {role != null && def.roles.create.includes(role) && (
          <Button component={Link} href={voucherPaths.create(def.type)}>
            New {def.label.toLowerCase()}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <LazyDateField label="From" clearable format={org.dateFormat} value={from} onChange={setFrom} />
        <LazyDateField label="To" clearable format={org.dateFormat} value={to} onChange={setTo} />
        {def.party && (
          <LazyRemoteSelect<Party>
            label={noun}
            placeholder={`Any ${noun.toLowerCase()}`}
            clearable
            load={(s) =>
              apiJson<z.output<typeof partyPageSchema>>(`/${def.party?.kind ?? 'customer'}s`, {
                query: { search: s || undefined, active_only: 'false', limit: 30 },
              }).then((p) => p.items)
            }
            idOf={(p) => p.id}
            labelOf={(p) => p.name}
            value={party}
            onChange={setParty}
          />
        )}
        <LazySelect
          label="Status"
          placeholder="Any status"
          clearable
          data={[
            { value: 'active', label: 'Posted' },
            { value: 'cancelled', label: 'Cancelled' },
          ]}
          value={status}
          onChange={setStatus}
        />
        <TextInput
          label="Search"
          placeholder={def.party ? 'Number or party name' : 'Number'}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </SimpleGrid>
      <ListSummary summary={list.first?.summary} taxed={items} />
      <KeysetTable
        list={list}
        label={def.pluralLabel}
        minWidth={760}
        head={
          <>
            <Table.Th>Number</Table.Th>
            <Table.Th>Date</Table.Th>
            {def.lines !== 'ledger' && <Table.Th>{money ? `${noun} / ledger` : noun}</Table.Th>}
            {def.against && items && <Table.Th>Against</Table.Th>}
            {items && <Table.Th ta="right">Taxable</Table.Th>}
            {items && <Table.Th ta="right">Tax</Table.Th>}
            {money && <Table.Th>Cash / bank</Table.Th>}
            {money && <Table.Th>Mode</Table.Th>}
            {def.lines === 'ledger' && <Table.Th>Reference</Table.Th>}
            <Table.Th ta="right">{items ? 'Grand total (₹)' : 'Amount (₹)'}</Table.Th>
            <Table.Th>Status</Table.Th>
          </>
        }
        row={(v) => (
          <Table.Tr key={v.id} data-testid={`voucher-row-${v.voucher_number}`}>
            <Table.Td>
              <Anchor component={Link} href={voucherPaths.view(def.type, v.id)} fw={600} ff="monospace">
                {v.voucher_number}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(v.date, org.dateFormat)}</Table.Td>
            {def.lines !== 'ledger' && (
              <Table.Td>
                <Text size="sm">{v.party?.name ?? v.other_ledger?.name ?? '—'}</Text>
                {v.is_inter_state && (
                  <Text size="xs" c="dimmed">
                    Inter-state
                  </Text>
                )}
              </Table.Td>
            )}
            {def.against && items && (
              <Table.Td ff="monospace" data-testid="voucher-against">
                {v.against_voucher_number ?? '—'}
              </Table.Td>
            )}
            {items && <Table.Td ta="right">{amount(v.taxable_amount)}</Table.Td>}
            {items && (
              <Table.Td ta="right">{amount(toMoney(dec(v.cgst_amount).plus(dec(v.sgst_amount)).plus(dec(v.igst_amount))))}</Table.Td>
            )}
            {money && <Table.Td>{v.cash_bank_ledger?.name ?? '—'}</Table.Td>}
            {money && <Table.Td>{MODE_LABELS[v.mode ?? ''] ?? v.mode ?? '—'}</Table.Td>}
            {def.lines === 'ledger' && <Table.Td>{v.reference ?? ''}</Table.Td>}
            <Table.Td ta="right" fw={600}>
              {amount(v.grand_total)}
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <StatusBadge status={v.status} />
                {v.email_status !== 'not_sent' && (
                  <EmailBadge status={v.email_status} error={v.email_error} to={v.email_to} unconfigured={unconfigured} />
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
        empty={filtered ? 'No vouchers match these filters.' : `No ${def.pluralLabel.toLowerCase()} yet.`}
      />
    </Stack>
  );
}

/** The `vouchers/[type]` route: the register of the type the route names, as the API defines it. */
export function VoucherListRoute({ type }: { type: string }) {
  const def = useVoucherType(type);
  return def ? <VoucherListPage key={def.type} def={def} /> : <UnknownType type={type} />;
}
