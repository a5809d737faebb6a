'use client';

import { Anchor, Badge, Group, Text } from '@mantine/core';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { KeysetTable } from '@/features/common/keyset-table';
import { Table } from '@/features/common/table';
import { voucherPaths } from '@/features/vouchers/paths';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import type { KeysetList } from '@/lib/use-keyset-list';
import { drCr, nonZero } from './report-frame';

/** The period's figures every page of a statement answers (ledger, cash and bank books, a party's ledger). */
export type StatementFigures = { opening_balance: string; closing_balance: string; total_debit: string; total_credit: string };

/** One entry of a statement: the voucher it comes from and the running balance after it (signed, Dr +). */
export type StatementLine = {
  date: string;
  voucher_id: string;
  voucher_type: string;
  voucher_number: string;
  is_cancellation: boolean;
  debit: string;
  credit: string;
  balance: string;
};

function CancelledBadge({ side }: { side: 'before' | 'after' }) {
  return (
    <Badge size="xs" color="red" variant="light" {...(side === 'before' ? { mr: 6 } : { ml: 6 })}>
      cancelled
    </Badge>
  );
}

/**
 * A statement's body, a page at a time: the opening and closing balances, the entries (date, the
 * other side's ledgers when `particulars` is given, the voucher opening its page, debit, credit,
 * running balance Dr/Cr), "Load more", and the period's totals. The figures are the whole period's
 * from the first page on. Test ids start with `testIdPrefix` (`opening-balance`, `closing-balance`,
 * `statement-row`, `statement-totals`).
 */
export function StatementTable<E extends StatementLine>({
  list,
  figures,
  label,
  voucherLabel,
  particulars,
  testIdPrefix = '',
}: {
  list: KeysetList<E>;
  figures: StatementFigures | null;
  label: string;
  /** The voucher type's name shown before its number. */
  voucherLabel: (entry: E) => string;
  /** The Particulars column (the other side's ledgers); without it the table has no such column. */
  particulars?: (entry: E) => ReactNode;
  testIdPrefix?: string;
}) {
  const org = useOrganization();
  const id = (name: string) => `${testIdPrefix}${name}`;
  return (
    <>
      {figures && (
        <Group gap="xl" data-testid={id('statement-balances')}>
          <Text size="sm">
            Opening balance: <strong data-testid={id('opening-balance')}>{drCr(figures.opening_balance)}</strong>
          </Text>
          <Text size="sm">
            Closing balance: <strong data-testid={id('closing-balance')}>{drCr(figures.closing_balance)}</strong>
          </Text>
        </Group>
      )}
      <KeysetTable
        list={list}
        label={label}
        minWidth={particulars ? 760 : 640}
        head={
          <>
            <Table.Th>Date</Table.Th>
            {particulars && <Table.Th>Particulars</Table.Th>}
            <Table.Th>Voucher</Table.Th>
            <Table.Th ta="right">Debit (₹)</Table.Th>
            <Table.Th ta="right">Credit (₹)</Table.Th>
            <Table.Th ta="right">Balance (₹)</Table.Th>
          </>
        }
        row={(e) => (
          <Table.Tr key={`${e.voucher_id}-${e.is_cancellation}-${e.date}-${e.balance}`} data-testid={id('statement-row')}>
            <Table.Td>{formatDate(e.date, org.dateFormat)}</Table.Td>
            {particulars && (
              <Table.Td>
                {e.is_cancellation && <CancelledBadge side="before" />}
                {particulars(e)}
              </Table.Td>
            )}
            <Table.Td>
              <Text size="xs" c="dimmed" span mr={6}>
                {voucherLabel(e)}
              </Text>
              <Anchor component={Link} href={voucherPaths.view(e.voucher_type, e.voucher_id)} size="sm" ff="monospace" fw={600}>
                {e.voucher_number}
              </Anchor>
              {e.is_cancellation && !particulars && <CancelledBadge side="after" />}
            </Table.Td>
            <Table.Td ta="right">{nonZero(e.debit)}</Table.Td>
            <Table.Td ta="right">{nonZero(e.credit)}</Table.Td>
            <Table.Td ta="right">{drCr(e.balance)}</Table.Td>
          </Table.Tr>
        )}
        empty="No entries in this period."
      />
      {figures && (
        <Group gap="xl" justify="flex-end" data-testid={id('statement-totals')}>
          <Text size="sm">
            Total debit: <strong>{amount(figures.total_debit)}</strong>
          </Text>
          <Text size="sm">
            Total credit: <strong>{amount(figures.total_credit)}</strong>
          </Text>
        </Group>
      )}
    </>
  );
}
