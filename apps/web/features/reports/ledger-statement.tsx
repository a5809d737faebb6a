'use client';

import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { ledgerStatementSchema, type LedgerStatement } from '@tritiq/contracts';
import Link from 'next/link';
import { KeysetTable } from '@/features/common/keyset-table';
import { voucherPaths } from '@/features/vouchers/paths';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useKeysetList } from '@/lib/use-keyset-list';
import { useVoucherTypes } from '@/lib/voucher-types';
import { reportPaths } from './paths';
import { DateRangeFields, drCr, nonZero, periodText, queryOf, ReportFrame, useReportQuery } from './report-frame';

type Entry = LedgerStatement['items'][number];

/**
 * A ledger's statement for a period (also the cash book and a bank book): the opening balance,
 * its entries with the other side's ledgers and the running balance (a page at a time), the
 * totals and the closing balance. A voucher number opens the voucher.
 */
function StatementPage({
  path,
  title,
  back,
  name,
}: {
  path: string;
  title: (s: LedgerStatement | null) => string;
  back?: { href: string; label: string };
  name: string;
}) {
  const org = useOrganization();
  const types = useVoucherTypes();
  const { values, set } = useReportQuery(['from', 'to'] as const);
  const query = queryOf(values);
  const list = useKeysetList<LedgerStatement, Entry>(`${path}|${values.from}|${values.to}`, (cursor) =>
    api.get(path, ledgerStatementSchema, { ...query, limit: 100, cursor }),
  );
  const s = list.first;
  const typeLabel = (type: string) => types.find((d) => d.type === type)?.label ?? type;
  return (
    <ReportFrame
      title={title(s)}
      subtitle={s ? `${s.ledger.group_name} · ${periodText(s.period, org.dateFormat)}` : ''}
      back={back}
      filters={
        <DateRangeFields
          from={values.from || s?.period.from || ''}
          to={values.to || s?.period.to || ''}
          format={org.dateFormat}
          onChange={(patch) => set(patch)}
        />
      }
      csv={s ? { path, query, name: `${name}-${s.period.from}-to-${s.period.to}` } : null}
      testId="ledger-statement"
    >
      {s && (
        <Group gap="xl" data-testid="statement-balances">
          <Text size="sm">
            Opening balance: <strong data-testid="opening-balance">{drCr(s.opening_balance)}</strong>
          </Text>
          <Text size="sm">
            Closing balance: <strong data-testid="closing-balance">{drCr(s.closing_balance)}</strong>
          </Text>
        </Group>
      )}
      <KeysetTable
        list={list}
        label={title(s)}
        minWidth={760}
        head={
          <>
            <Table.Th>Date</Table.Th>
            <Table.Th>Particulars</Table.Th>
            <Table.Th>Voucher</Table.Th>
            <Table.Th ta="right">Debit (₹)</Table.Th>
            <Table.Th ta="right">Credit (₹)</Table.Th>
            <Table.Th ta="right">Balance (₹)</Table.Th>
          </>
        }
        row={(e) => (
          <Table.Tr key={`${e.voucher_id}-${e.is_cancellation}-${e.date}-${e.balance}`} data-testid="statement-row">
            <Table.Td>{formatDate(e.date, org.dateFormat)}</Table.Td>
            <Table.Td>
              {e.is_cancellation && (
                <Badge size="xs" color="red" variant="light" mr={6}>
                  cancelled
                </Badge>
              )}
              {e.other_ledgers.map((l, i) => (
                <span key={l.id}>
                  {i > 0 && ', '}
                  <Anchor component={Link} href={reportPaths.ledger(l.id, s?.period)} size="sm">
                    {l.name}
                  </Anchor>
                </span>
              ))}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" span mr={6}>
                {typeLabel(e.voucher_type)}
              </Text>
              <Anchor component={Link} href={voucherPaths.view(e.voucher_type, e.voucher_id)} size="sm" ff="monospace" fw={600}>
                {e.voucher_number}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{nonZero(e.debit)}</Table.Td>
            <Table.Td ta="right">{nonZero(e.credit)}</Table.Td>
            <Table.Td ta="right">{drCr(e.balance)}</Table.Td>
          </Table.Tr>
        )}
        empty="No entries in this period."
      />
      {s && !list.hasMore && (
        <Group gap="xl" justify="flex-end" data-testid="statement-totals">
          <Text size="sm">
            Total debit: <strong>{amount(s.total_debit)}</strong>
          </Text>
          <Text size="sm">
            Total credit: <strong>{amount(s.total_credit)}</strong>
          </Text>
        </Group>
      )}
    </ReportFrame>
  );
}

export function LedgerStatementPage({ ledgerId }: { ledgerId: string }) {
  return (
    <StatementPage
      path={`/reports/ledgers/${ledgerId}/statement`}
      title={(s) => (s ? `Ledger: ${s.ledger.name}` : 'Ledger statement')}
      back={{ href: reportPaths.trialBalance, label: 'Trial balance' }}
      name="ledger-statement"
    />
  );
}

export function CashBookPage() {
  return <StatementPage path="/reports/cash-book" title={() => 'Cash book'} name="cash-book" />;
}

export function BankBookPage({ ledgerId }: { ledgerId: string }) {
  return (
    <StatementPage
      path={`/reports/bank-book/${ledgerId}`}
      title={(s) => (s ? `Bank book: ${s.ledger.name}` : 'Bank book')}
      back={{ href: reportPaths.bankBooks, label: 'Bank books' }}
      name="bank-book"
    />
  );
}
