'use client';

import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  partySchema,
  paymentRemindersResultSchema,
  voucherPageSchema,
  type PartyKind,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { z } from 'zod';
import { KeysetTable } from '@/features/common/keyset-table';
import { ErrorState, LoadingState } from '@/features/common/states';
import { ListSummary } from '@/features/vouchers/list-summary';
import { voucherPaths } from '@/features/vouchers/paths';
import { StatusBadge } from '@/features/vouchers/voucher-badges';
import { isAdminRole } from '@/lib/access';
import { api, errorMessage } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { stateLabel } from '@/lib/gst';
import { useOrganization } from '@/lib/organization';
import { useCurrentRole } from '@/lib/session';
import { useApi } from '@/lib/use-api';
import { useKeysetList } from '@/lib/use-keyset-list';
import { useVoucherTypes } from '@/lib/voucher-types';
import { EmailStatementDialog } from './email-statement-dialog';
import { ActiveBadge } from './master-actions';
import { PartyBooks } from './party-books';
import { PartyForm } from './party-form';

type Party = z.output<typeof partySchema>;

function Detail({ label, value, mono }: { label: string; value: string | null | undefined; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

/** One voucher type's vouchers with this party: count and totals, newest first. */
function PartyVouchers({ def, partyId }: { def: VoucherTypeDefinition; partyId: string }) {
  const org = useOrganization();
  const list = useKeysetList(`${def.type}|${partyId}`, (cursor) =>
    api.get(`/vouchers/${def.type}`, voucherPageSchema, { party_id: partyId, limit: 20, cursor }),
  );
  return (
    <Card withBorder radius="md" padding="md" data-testid={`party-vouchers-${def.type}`}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h4">
          {def.pluralLabel}
        </Title>
        <ListSummary summary={list.first?.summary} />
      </Group>
      <KeysetTable
        list={list}
        label={`${def.pluralLabel} with this party`}
        minWidth={480}
        head={
          <>
            <Table.Th>Number</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th ta="right">Grand total (₹)</Table.Th>
            <Table.Th>Status</Table.Th>
          </>
        }
        row={(v) => (
          <Table.Tr key={v.id}>
            <Table.Td>
              <Anchor component={Link} href={voucherPaths.view(def.type, v.id)} ff="monospace" fw={600}>
                {v.voucher_number}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(v.date, org.dateFormat)}</Table.Td>
            <Table.Td ta="right">{amount(v.grand_total)}</Table.Td>
            <Table.Td>
              <StatusBadge status={v.status} />
            </Table.Td>
          </Table.Tr>
        )}
        empty={`No ${def.pluralLabel.toLowerCase()} with this party yet.`}
      />
    </Card>
  );
}

/** A vendor's or customer's page: its details (edited in the same dialog as the list's), its balance, bills and ledger, and its vouchers by type. */
export function PartyPage({ kind, id }: { kind: PartyKind; id: string }) {
  const plural = kind === 'vendor' ? 'Vendors' : 'Customers';
  const role = useCurrentRole();
  const party = useApi((signal) => api.get(`/${kind}s/${id}`, partySchema, undefined, signal), [kind, id]);
  const [edited, setEdited] = useState<Party | null>(null);
  const [editing, setEditing] = useState(false);
  const [statementOpen, setStatementOpen] = useState(false);
  const [statementNotice, setStatementNotice] = useState<string | null>(null);
  const [reminding, setReminding] = useState(false);
  /** A payment reminder to this customer now: its overdue bills, its statement attached (admins; the API says why it skipped one). */
  const sendReminder = async () => {
    setReminding(true);
    try {
      const { results } = await api.post('/payment-reminders', { party_ids: [id] }, paymentRemindersResultSchema);
      const r = results[0];
      setStatementNotice(
        r?.status === 'queued'
          ? `Payment reminder to ${r.email_to} queued: ${r.bills} overdue bill${r.bills === 1 ? '' : 's'}, ₹${amount(r.overdue)}.`
          : `No reminder sent: ${r?.reason ?? 'nothing to remind'}.`,
      );
    } catch (err) {
      setStatementNotice(`Could not send the reminder: ${errorMessage(err)}`);
    } finally {
      setReminding(false);
    }
  };
  const types = useVoucherTypes().filter((d) => d.party?.kind === kind && role != null && d.roles.read.includes(role));
  if (party.status === 'loading') return <LoadingState />;
  if (party.status === 'error') return <ErrorState message={party.message} onRetry={party.reload} />;
  const p = edited ?? party.data;
  const address = [p.address_line1, p.address_line2, p.city, p.pin_code].filter(Boolean).join(', ');
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} href={`/${kind}s`} size="sm">
          ← {plural}
        </Anchor>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} data-testid="party-name">
              {p.name}
            </Title>
            <ActiveBadge active={p.is_active} />
          </Group>
          <Group gap="xs">
            <Button variant="light" onClick={() => setStatementOpen(true)}>
              Email statement
            </Button>
            {kind === 'customer' && isAdminRole(role) && (
              <Button variant="light" color="orange" onClick={() => void sendReminder()} loading={reminding}>
                Send payment reminder
              </Button>
            )}
            <Button variant="light" onClick={() => setEditing(true)}>
              Edit {kind}
            </Button>
          </Group>
        </Group>
        {statementNotice && (
          <Alert color="blue" withCloseButton onClose={() => setStatementNotice(null)} mt="xs" data-testid="statement-notice">
            {statementNotice}
          </Alert>
        )}
      </div>
      <Card withBorder radius="md" padding="md" data-testid="party-details">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <Detail label="GSTIN" value={p.gstin} mono />
          <Detail label="PAN" value={p.pan} mono />
          <Detail label="State" value={p.state_code ? stateLabel(p.state_code) : p.state} />
          <Detail label="Address" value={address} />
          <Detail label="Phone" value={p.contact_number} />
          <Detail label="Email" value={p.email} />
        </SimpleGrid>
      </Card>
      <PartyBooks kind={kind} partyId={p.id} />
      {types.map((def) => (
        <PartyVouchers key={def.type} def={def} partyId={p.id} />
      ))}
      {statementOpen && (
        <EmailStatementDialog
          partyId={p.id}
          partyName={p.name}
          partyEmail={p.email}
          canChooseAddress={isAdminRole(role)}
          onClose={() => setStatementOpen(false)}
          onQueued={(to) => {
            setStatementOpen(false);
            setStatementNotice(`Statement of account to ${to} queued.`);
          }}
        />
      )}
      {editing && (
        <PartyForm
          kind={kind}
          party={p}
          opened
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEdited(saved);
            setEditing(false);
          }}
        />
      )}
    </Stack>
  );
}
