'use client';

import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { dayBookSchema } from '@tritiq/contracts';
import Link from 'next/link';
import type { z } from 'zod';
import { KeysetTable } from '@/features/common/keyset-table';
import { voucherPaths } from '@/features/vouchers/paths';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { useOrganization } from '@/lib/organization';
import { useKeysetList } from '@/lib/use-keyset-list';
import { useVoucherTypes } from '@/lib/voucher-types';
import { reportPaths } from './paths';
import { DateRangeFields, nonZero, periodText, queryOf, ReportFrame, useReportQuery } from './report-frame';

type DayBook = z.output<typeof dayBookSchema>;

/** Every voucher of a period in order, each with the entries it posted; a number opens the voucher, a ledger its statement. */
export function DayBookPage() {
  const org = useOrganization();
  const types = useVoucherTypes();
  const { values, set } = useReportQuery(['from', 'to'] as const);
  const query = queryOf(values);
  const list = useKeysetList<DayBook>(`${values.from}|${values.to}`, (cursor) =>
    api.get('/reports/day-book', dayBookSchema, { ...query, limit: 100, cursor }),
  );
  const period = list.first?.period;
  return (
    <ReportFrame
      title="Day book"
      subtitle={periodText(period, org.dateFormat)}
      filters={
        <DateRangeFields
          from={values.from || period?.from || ''}
          to={values.to || period?.to || ''}
          format={org.dateFormat}
          onChange={(patch) => set(patch)}
        />
      }
      csv={period ? { path: '/reports/day-book', query, name: `day-book-${period.from}-to-${period.to}` } : null}
      testId="day-book"
    >
      <KeysetTable
        list={list}
        label="Day book"
        minWidth={860}
        head={
          <>
            <Table.Th>Date</Table.Th>
            <Table.Th>Voucher</Table.Th>
            <Table.Th>Party</Table.Th>
            <Table.Th>Ledger</Table.Th>
            <Table.Th ta="right">Debit (₹)</Table.Th>
            <Table.Th ta="right">Credit (₹)</Table.Th>
          </>
        }
        row={(v) => (
          <Table.Tr key={v.id} data-testid="day-book-row">
            <Table.Td>{formatDate(v.date, org.dateFormat)}</Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {types.find((d) => d.type === v.voucher_type)?.label ?? v.voucher_type}
              </Text>
              <Anchor component={Link} href={voucherPaths.view(v.voucher_type, v.id)} size="sm" ff="monospace" fw={600}>
                {v.voucher_number}
              </Anchor>{' '}
              {v.status === 'cancelled' && (
                <Badge size="xs" color="red" variant="light">
                  cancelled
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{v.party_name ?? ''}</Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {v.entries.map((e, i) => (
                  <Anchor key={`${e.ledger_id}-${i}`} component={Link} href={reportPaths.ledger(e.ledger_id, period)} size="sm">
                    {e.ledger_name}
                  </Anchor>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td ta="right">
              <Stack gap={0}>
                {v.entries.map((e, i) => (
                  <Text key={i} size="sm">
                    {nonZero(e.debit) || '\u00a0'}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td ta="right">
              <Stack gap={0}>
                {v.entries.map((e, i) => (
                  <Text key={i} size="sm">
                    {nonZero(e.credit) || '\u00a0'}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
          </Table.Tr>
        )}
        empty="No vouchers in this period."
      />
    </ReportFrame>
  );
}
