'use client';

import { Anchor, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { addDays, dec, profitAndLossSchema, ZERO, type ProfitAndLoss } from '@tritiq/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ScrollTable } from '@/features/common/scroll-table';
import { ErrorState, LoadingState } from '@/features/common/states';
import { api } from '@/lib/api-client';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useApi } from '@/lib/use-api';
import { reportPaths } from './paths';
import { DateRangeFields, periodText, queryOf, ReportFrame, useReportQuery } from './report-frame';

type Section = ProfitAndLoss['indirect_incomes'];
type Period = ProfitAndLoss['period'];

function Line({ label, total, bold, testId }: { label: ReactNode; total: string; bold?: boolean; testId?: string }) {
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td fw={bold ? 700 : 400}>{label}</Table.Td>
      <Table.Td />
      <Table.Td ta="right" fw={bold ? 700 : 400}>
        {amount(total)}
      </Table.Td>
    </Table.Tr>
  );
}

/** A section's total, then each of its ledgers (each opens its statement for the same period). */
function SectionRows({ title, section, period }: { title: string; section: Section; period: Period }) {
  return (
    <>
      <Line label={title} total={section.total} bold />
      {section.ledgers.map((l) => (
        <Table.Tr key={l.ledger_id}>
          <Table.Td pl="xl">
            <Anchor component={Link} href={reportPaths.ledger(l.ledger_id, period)} size="sm">
              {l.name}
            </Anchor>
          </Table.Td>
          <Table.Td ta="right">{amount(l.amount)}</Table.Td>
          <Table.Td />
        </Table.Tr>
      ))}
    </>
  );
}

/** A stock line opens the stock summary of its day (the products behind the value). */
function StockLink({ label, asOf }: { label: string; asOf: string }) {
  return (
    <Anchor component={Link} href={reportPaths.stockSummary(asOf)} size="sm" fw={700}>
      {label}
    </Anchor>
  );
}

const result = (value: string, profit: string, loss: string) => (dec(value).lt(ZERO) ? loss : profit);

/** Profit and loss for a period in Tally's two parts: the trading account to gross profit, then net profit. */
export function ProfitAndLossPage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['from', 'to'] as const);
  const query = queryOf(values);
  const pl = useApi((signal) => api.get('/reports/profit-and-loss', profitAndLossSchema, query, signal), [values.from, values.to]);
  const data = pl.status === 'ready' ? pl.data : null;
  const t = data?.trading;
  return (
    <ReportFrame
      title="Profit and loss"
      subtitle={periodText(data?.period, org.dateFormat)}
      filters={
        <DateRangeFields
          from={values.from || data?.period.from || ''}
          to={values.to || data?.period.to || ''}
          format={org.dateFormat}
          onChange={(patch) => set(patch)}
        />
      }
      csv={data ? { path: '/reports/profit-and-loss', query, name: `profit-and-loss-${data.period.from}-to-${data.period.to}` } : null}
      testId="profit-and-loss"
    >
      {pl.status === 'loading' && <LoadingState />}
      {pl.status === 'error' && <ErrorState message={pl.message} onRetry={pl.reload} />}
      {data && t && (
        <ScrollTable
          minWidth={520}
          label="Profit and loss"
          head={
            <>
              <Table.Th>Particulars</Table.Th>
              <Table.Th ta="right">Ledger (₹)</Table.Th>
              <Table.Th ta="right">Total (₹)</Table.Th>
            </>
          }
        >
          <Table.Tr>
            <Table.Td colSpan={3}>
              <Text fw={700} c="dimmed" size="xs" tt="uppercase">
                Trading account
              </Text>
            </Table.Td>
          </Table.Tr>
          <Line label={<StockLink label="Opening stock" asOf={addDays(data.period.from, -1)} />} total={t.opening_stock} bold />
          <SectionRows title="Purchase accounts" section={t.purchase_accounts} period={data.period} />
          <SectionRows title="Direct expenses" section={t.direct_expenses} period={data.period} />
          <SectionRows title="Sales accounts" section={t.sales_accounts} period={data.period} />
          <SectionRows title="Direct incomes" section={t.direct_incomes} period={data.period} />
          <Line label={<StockLink label="Closing stock" asOf={data.period.to} />} total={t.closing_stock} bold />
          <Line label={result(t.gross_profit, 'Gross profit', 'Gross loss')} total={t.gross_profit} bold testId="gross-profit" />
          <SectionRows title="Indirect incomes" section={data.indirect_incomes} period={data.period} />
          <SectionRows title="Indirect expenses" section={data.indirect_expenses} period={data.period} />
          <Line label={result(data.net_profit, 'Net profit', 'Net loss')} total={data.net_profit} bold testId="net-profit" />
        </ScrollTable>
      )}
    </ReportFrame>
  );
}
