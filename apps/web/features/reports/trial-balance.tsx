'use client';

import { Anchor, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { addDays, trialBalanceSchema, type TrialBalance } from '@tritiq/contracts';
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
import { nonZero, queryOf, ReportFrame, useReportQuery } from './report-frame';

type Row = TrialBalance['rows'][number];

/** A row's name: a ledger opens its statement for the financial year up to the date. */
function RowName({ row, tb }: { row: Row; tb: TrialBalance }) {
  const pad = { paddingLeft: `${row.depth * 1.25}rem` };
  if (row.kind === 'ledger' && row.id) {
    return (
      <Anchor component={Link} href={reportPaths.ledger(row.id, { from: tb.financial_year.from, to: tb.as_of })} size="sm" style={pad}>
        {row.name}
      </Anchor>
    );
  }
  if (row.kind === 'opening_stock') {
    return (
      <Anchor component={Link} href={reportPaths.stockSummary(addDays(tb.financial_year.from, -1))} size="sm" style={pad}>
        {row.name}
      </Anchor>
    );
  }
  return (
    <Text size="sm" fw={row.kind === 'group' ? 700 : 400} fs={row.kind === 'opening_difference' ? 'italic' : undefined} style={pad}>
      {row.name}
    </Text>
  );
}

/** The trial balance as on a date: every ledger's closing under its group, Dr and Cr; a ledger opens its statement. */
export function TrialBalancePage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['as_of'] as const);
  const query = queryOf(values);
  const tb = useApi((signal) => api.get('/reports/trial-balance', trialBalanceSchema, query, signal), [values.as_of]);
  const data = tb.status === 'ready' ? tb.data : null;
  return (
    <ReportFrame
      title="Trial balance"
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
      csv={data ? { path: '/reports/trial-balance', query, name: `trial-balance-${data.as_of}` } : null}
      testId="trial-balance"
    >
      {tb.status === 'loading' && <LoadingState />}
      {tb.status === 'error' && <ErrorState message={tb.message} onRetry={tb.reload} />}
      {data && (
        <ScrollTable
          minWidth={520}
          label="Trial balance"
          head={
            <>
              <Table.Th>Particulars</Table.Th>
              <Table.Th ta="right">Debit (₹)</Table.Th>
              <Table.Th ta="right">Credit (₹)</Table.Th>
            </>
          }
        >
          {data.rows.map((r, i) => (
            <Table.Tr key={`${r.kind}-${r.id ?? i}`} data-kind={r.kind}>
              <Table.Td>
                <RowName row={r} tb={data} />
              </Table.Td>
              <Table.Td ta="right" fw={r.kind === 'group' ? 700 : 400}>
                {nonZero(r.debit)}
              </Table.Td>
              <Table.Td ta="right" fw={r.kind === 'group' ? 700 : 400}>
                {nonZero(r.credit)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-testid="trial-balance-total">
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td ta="right" fw={700}>
              {amount(data.total_debit)}
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {amount(data.total_credit)}
            </Table.Td>
          </Table.Tr>
        </ScrollTable>
      )}
    </ReportFrame>
  );
}
