'use client';

import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { balanceSheetSchema, type BalanceSheet } from '@tritiq/contracts';
import Link from 'next/link';
import { DateField } from '@/features/common/date-field';
import { ScrollTable } from '@/features/common/scroll-table';
import { ErrorState, LoadingState } from '@/features/common/states';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useApi } from '@/lib/use-api';
import { reportPaths } from './paths';
import { queryOf, ReportFrame, useReportQuery } from './report-frame';

type Row = BalanceSheet['liabilities'][number];

/** One side: groups (bold) with their ledgers (each opens its statement) and computed lines, then the side's total. */
function Side({ title, rows, total, bs }: { title: string; rows: Row[]; total: string; bs: BalanceSheet }) {
  return (
    <ScrollTable
      minWidth={320}
      label={title}
      head={
        <>
          <Table.Th>{title}</Table.Th>
          <Table.Th ta="right">Amount (₹)</Table.Th>
        </>
      }
    >
      {rows.map((r, i) => (
        <Table.Tr key={`${r.kind}-${r.id ?? i}`} data-kind={r.kind}>
          <Table.Td style={{ paddingLeft: `calc(var(--mantine-spacing-xs) + ${r.depth * 1.25}rem)` }}>
            {r.kind === 'ledger' && r.id ? (
              <Anchor component={Link} href={reportPaths.ledger(r.id, { from: bs.financial_year.from, to: bs.as_of })} size="sm">
                {r.name}
              </Anchor>
            ) : r.kind === 'closing_stock' ? (
              <Anchor component={Link} href={reportPaths.stockSummary(bs.as_of)} size="sm">
                {r.name}
              </Anchor>
            ) : (
              <Text size="sm" fw={r.kind === 'group' && r.depth === 0 ? 700 : 400}>
                {r.name}
              </Text>
            )}
          </Table.Td>
          <Table.Td ta="right" fw={r.depth === 0 ? 700 : 400}>
            {amount(r.amount)}
          </Table.Td>
        </Table.Tr>
      ))}
      <Table.Tr data-testid={`${title.toLowerCase()}-total`}>
        <Table.Td fw={700}>Total</Table.Td>
        <Table.Td ta="right" fw={700}>
          {amount(total)}
        </Table.Td>
      </Table.Tr>
    </ScrollTable>
  );
}

/** The balance sheet as on a date: liabilities against assets; a ledger opens its statement. */
export function BalanceSheetPage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['as_of'] as const);
  const query = queryOf(values);
  const bs = useApi((signal) => api.get('/reports/balance-sheet', balanceSheetSchema, query, signal), [values.as_of]);
  const data = bs.status === 'ready' ? bs.data : null;
  return (
    <ReportFrame
      title="Balance sheet"
      subtitle={data ? `As on ${formatDate(data.as_of, org.dateFormat)}` : ''}
      filters={
        <DateField
          label="As on"
          value={values.as_of || data?.as_of || ''}
          format={org.dateFormat}
          w={150}
          onChange={(v) => set({ as_of: v })}
        />
      }
      csv={data ? { path: '/reports/balance-sheet', query, name: `balance-sheet-${data.as_of}` } : null}
      testId="balance-sheet"
    >
      {bs.status === 'loading' && <LoadingState />}
      {bs.status === 'error' && <ErrorState message={bs.message} onRetry={bs.reload} />}
      {data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Side title="Liabilities" rows={data.liabilities} total={data.total_liabilities} bs={data} />
          <Side title="Assets" rows={data.assets} total={data.total_assets} bs={data} />
        </SimpleGrid>
      )}
    </ReportFrame>
  );
}
