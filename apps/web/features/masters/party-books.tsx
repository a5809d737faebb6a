'use client';

import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { type BILL_FILTERS, dec, partyBillsSchema, partyStatementSchema, type PartyKind } from '@tritiq/contracts';
import Link from 'next/link';
import type { z } from 'zod';
import { KeysetTable } from '@/features/common/keyset-table';
import { DateRangeFields, drCr, periodText, useReportQuery } from '@/features/reports/report-frame';
import { StatementTable } from '@/features/reports/statement-table';
import { voucherPaths } from '@/features/vouchers/paths';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useKeysetList } from '@/lib/use-keyset-list';

type Bills = z.output<typeof partyBillsSchema>;
type PartyStatement = z.output<typeof partyStatementSchema>;
type Entry = PartyStatement['items'][number];
type Bill = Bills['items'][number];
type BillFilter = (typeof BILL_FILTERS)[number];

const FILTERS: { value: BillFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'paid', label: 'Paid' },
  { value: 'all', label: 'All' },
];

const STATUS: Record<Bill['status'], { label: string; color: string }> = {
  unpaid: { label: 'Unpaid', color: 'orange' },
  partly_paid: { label: 'Partly paid', color: 'yellow' },
  paid: { label: 'Paid', color: 'green' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

function Figure({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

/**
 * A customer's or vendor's standing in the books on its page: its balance (what its open bills owe
 * less what it paid on account), its bills (open, overdue, paid or all; number, dates, amount,
 * outstanding, days overdue) and its ledger for a period (opening, each entry opening its voucher,
 * closing). The filter and the period stay in the address.
 */
export function PartyBooks({ kind, partyId }: { kind: PartyKind; partyId: string }) {
  const org = useOrganization();
  const { values, set } = useReportQuery(['bills', 'from', 'to'] as const);
  const filter: BillFilter = FILTERS.some((f) => f.value === values.bills) ? (values.bills as BillFilter) : 'open';
  const bills = useKeysetList<Bills>(`${partyId}|${filter}`, (cursor) =>
    api.get(`/parties/${partyId}/bills`, partyBillsSchema, { status: filter, limit: 50, cursor }),
  );
  const first = bills.first;
  // Its open bills less what is on account; a customer's balance is a debit, a vendor's a credit.
  const net = first ? dec(first.total_outstanding).minus(dec(first.on_account)) : null;
  const balance = net ? drCr((kind === 'customer' ? net : net.neg()).toFixed(2)) : '…';
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="party-balances">
        <Figure label="Balance" value={balance} testId="party-balance" hint={kind === 'customer' ? 'Owed to you (Dr)' : 'You owe (Cr)'} />
        <Figure label="Outstanding" value={first ? amount(first.total_outstanding) : '…'} testId="party-outstanding" />
        <Figure label="Overdue" value={first ? amount(first.overdue_outstanding) : '…'} testId="party-overdue" />
        <Figure label="On account" value={first ? amount(first.on_account) : '…'} testId="party-on-account" />
      </SimpleGrid>
      <Card withBorder radius="md" padding="md" data-testid="party-bills">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h4">
              Bills
            </Title>
            <SegmentedControl
              aria-label="Which bills"
              size="xs"
              data={FILTERS}
              value={filter}
              onChange={(v) => set({ bills: v === 'open' ? '' : v })}
            />
          </Group>
          <KeysetTable
            list={bills}
            label="Bills of this party"
            minWidth={720}
            head={
              <>
                <Table.Th>Bill</Table.Th>
                <Table.Th>Date</Table.Th>
                <Table.Th>Due date</Table.Th>
                <Table.Th ta="right">Amount (₹)</Table.Th>
                <Table.Th ta="right">Outstanding (₹)</Table.Th>
                <Table.Th ta="right">Days overdue</Table.Th>
                <Table.Th>Status</Table.Th>
              </>
            }
            row={(b) => (
              <Table.Tr key={b.id} data-testid={`party-bill-${b.ref}`}>
                <Table.Td>
                  {b.voucher_id && b.voucher_type ? (
                    <Anchor component={Link} href={voucherPaths.view(b.voucher_type, b.voucher_id)} size="sm" ff="monospace" fw={600}>
                      {b.ref}
                    </Anchor>
                  ) : (
                    <Text span size="sm" ff="monospace">
                      {b.ref}
                    </Text>
                  )}
                  {b.is_opening && (
                    <Badge size="xs" variant="light" ml={6}>
                      Opening
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(b.date, org.dateFormat)}</Table.Td>
                <Table.Td>{formatDate(b.due_date, org.dateFormat)}</Table.Td>
                <Table.Td ta="right">{amount(b.amount)}</Table.Td>
                <Table.Td ta="right">{amount(b.outstanding)}</Table.Td>
                <Table.Td ta="right" c={b.overdue ? 'red' : undefined} fw={b.overdue ? 700 : undefined}>
                  {b.overdue ? b.days_overdue : ''}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS[b.status].color}>
                    {STATUS[b.status].label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            )}
            empty={filter === 'open' ? 'Nothing outstanding.' : filter === 'overdue' ? 'Nothing overdue.' : 'No bills here.'}
          />
        </Stack>
      </Card>
      <PartyLedger partyId={partyId} from={values.from} to={values.to} onPeriod={(p) => set(p)} />
    </>
  );
}

/** Entries of the party's ledger a page at a time: a long account loads the rest with "Load more". */
const PARTY_LEDGER_PAGE = 50;

/**
 * The party's ledger for a period (the statement of account's figures): opening, its entries a
 * page at a time with the running balance, the period's totals and closing (the API answers the
 * whole period's figures with every page).
 */
function PartyLedger({
  partyId,
  from,
  to,
  onPeriod,
}: {
  partyId: string;
  from: string;
  to: string;
  onPeriod: (p: { from?: string; to?: string }) => void;
}) {
  const org = useOrganization();
  const list = useKeysetList<PartyStatement, Entry>(`${partyId}|${from}|${to}`, (cursor) =>
    api.get(`/parties/${partyId}/statement`, partyStatementSchema, {
      from: from || undefined,
      to: to || undefined,
      limit: PARTY_LEDGER_PAGE,
      cursor,
    }),
  );
  const s = list.first;
  return (
    <Card withBorder radius="md" padding="md" data-testid="party-ledger">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={3} size="h4">
              Ledger
            </Title>
            <Text size="sm" c="dimmed" data-testid="party-ledger-period">
              {periodText(s?.period, org.dateFormat)}
            </Text>
          </div>
          <Group gap="sm" align="flex-end" role="group" aria-label="Ledger dates">
            <DateRangeFields
              from={from || s?.period.from || ''}
              to={to || s?.period.to || ''}
              format={org.dateFormat}
              onChange={onPeriod}
            />
          </Group>
        </Group>
        <StatementTable list={list} figures={s} label="Ledger of this party" voucherLabel={(e) => e.voucher_label} testIdPrefix="party-" />
      </Stack>
    </Card>
  );
}
