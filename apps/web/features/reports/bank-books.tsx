'use client';

import { Anchor } from '@mantine/core';
import { Table } from '@/features/common/table';
import { bankBooksSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { ScrollTable } from '@/features/common/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { api } from '@/lib/api-client';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useApi } from '@/lib/use-api';
import { reportPaths } from './paths';
import { DateRangeFields, drCr, periodText, queryOf, ReportFrame, useReportQuery } from './report-frame';

/** Every bank ledger's opening, receipts, payments and closing for a period; a bank opens its book. */
export function BankBooksPage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['from', 'to'] as const);
  const query = queryOf(values);
  const books = useApi((signal) => api.get('/reports/bank-book', bankBooksSchema, query, signal), [values.from, values.to]);
  const data = books.status === 'ready' ? books.data : null;
  return (
    <ReportFrame
      title="Bank books"
      subtitle={periodText(data?.period, org.dateFormat)}
      filters={
        <DateRangeFields
          from={values.from || data?.period.from || ''}
          to={values.to || data?.period.to || ''}
          format={org.dateFormat}
          onChange={(patch) => set(patch)}
        />
      }
      csv={data ? { path: '/reports/bank-book', query, name: `bank-books-${data.period.from}-to-${data.period.to}` } : null}
      testId="bank-books"
    >
      {books.status === 'loading' && <LoadingState />}
      {books.status === 'error' && <ErrorState message={books.message} onRetry={books.reload} />}
      {data && data.items.length === 0 && (
        <EmptyState>No bank accounts yet: add one under Bank Accounts in the chart of accounts.</EmptyState>
      )}
      {data && data.items.length > 0 && (
        <ScrollTable
          minWidth={640}
          label="Bank books"
          head={
            <>
              <Table.Th>Bank</Table.Th>
              <Table.Th ta="right">Opening (₹)</Table.Th>
              <Table.Th ta="right">Debit (₹)</Table.Th>
              <Table.Th ta="right">Credit (₹)</Table.Th>
              <Table.Th ta="right">Closing (₹)</Table.Th>
            </>
          }
        >
          {data.items.map((b) => (
            <Table.Tr key={b.ledger_id}>
              <Table.Td>
                <Anchor component={Link} href={reportPaths.bankBook(b.ledger_id, data.period)} size="sm">
                  {b.name}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{drCr(b.opening_balance)}</Table.Td>
              <Table.Td ta="right">{amount(b.total_debit)}</Table.Td>
              <Table.Td ta="right">{amount(b.total_credit)}</Table.Td>
              <Table.Td ta="right">{drCr(b.closing_balance)}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </ReportFrame>
  );
}
