'use client';

import { Anchor, Table, Text } from '@mantine/core';
import { stockSummarySchema } from '@tritiq/contracts';
import Link from 'next/link';
import { DateField } from '@/features/common/date-field';
import { ScrollTable } from '@/features/common/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount, quantity, unitRate } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useApi } from '@/lib/use-api';
import { queryOf, ReportFrame, useReportQuery } from './report-frame';

/**
 * The stock summary as on a date (BOOKS.md "Stock value"): each product's quantity, weighted
 * average cost and value, and the total (the balance sheet's closing stock that day). A product
 * opens its stock page; Print, CSV and Excel as every statement.
 */
export function StockSummaryPage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['as_of'] as const);
  const query = queryOf(values);
  const summary = useApi((signal) => api.get('/reports/stock-summary', stockSummarySchema, query, signal), [values.as_of]);
  const data = summary.status === 'ready' ? summary.data : null;
  return (
    <ReportFrame
      title="Stock summary"
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
      csv={data ? { path: '/reports/stock-summary', query, name: `stock-summary-${data.as_of}` } : null}
      testId="stock-summary"
    >
      {summary.status === 'loading' && <LoadingState />}
      {summary.status === 'error' && <ErrorState message={summary.message} onRetry={summary.reload} />}
      {data && data.items.length === 0 && <EmptyState>No stock on this date.</EmptyState>}
      {data && data.items.length > 0 && (
        <ScrollTable
          minWidth={600}
          label="Stock summary"
          head={
            <>
              <Table.Th>Product</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
              <Table.Th ta="right">Average cost (₹)</Table.Th>
              <Table.Th ta="right">Value (₹)</Table.Th>
            </>
          }
        >
          {data.items.map((p) => (
            <Table.Tr key={p.product_id} data-testid="stock-summary-row">
              <Table.Td>
                <Anchor component={Link} href={`/stock/${p.product_id}`} size="sm">
                  {p.name}
                </Anchor>
                {p.part_number && (
                  <Text span size="xs" c="dimmed" ml={6} ff="monospace">
                    {p.part_number}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {quantity(p.quantity)} {p.unit}
              </Table.Td>
              <Table.Td ta="right">{unitRate(p.average_cost)}</Table.Td>
              <Table.Td ta="right">{amount(p.value)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-testid="stock-summary-total">
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right" fw={700}>
              {amount(data.total_value)}
            </Table.Td>
          </Table.Tr>
        </ScrollTable>
      )}
    </ReportFrame>
  );
}
