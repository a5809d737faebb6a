'use client';

import { Anchor, Group, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { stockSummarySchema } from '@tritiq/contracts';
import type { z } from 'zod';
import Link from 'next/link';
import { DateField } from '@/features/common/date-field';
import { KeysetTable } from '@/features/common/keyset-table';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount, quantity, unitRate } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useKeysetList } from '@/lib/use-keyset-list';
import { queryOf, ReportFrame, useReportQuery } from './report-frame';

type StockSummary = z.output<typeof stockSummarySchema>;

/**
 * The stock summary as on a date (BOOKS.md "Stock value"): each product's quantity, weighted
 * average cost and value, and the total (the balance sheet's closing stock that day). A product
 * opens its stock page; Print, CSV and Excel as every statement.
 */
export function StockSummaryPage() {
  const org = useOrganization();
  const { values, set } = useReportQuery(['as_of'] as const);
  const query = queryOf(values);
  // A page of products at a time (by name); the count and the total are of every product.
  const list = useKeysetList<StockSummary>(values.as_of, (cursor) =>
    api.get('/reports/stock-summary', stockSummarySchema, { ...query, limit: 100, cursor }),
  );
  const data = list.first;
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
      <KeysetTable
        list={list}
        label="Stock summary"
        minWidth={600}
        head={
          <>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th ta="right">Average cost (₹)</Table.Th>
            <Table.Th ta="right">Value (₹)</Table.Th>
          </>
        }
        row={(p) => (
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
        )}
        empty="No stock on this date."
      />
      {data && data.product_count > 0 && (
        <Group justify="flex-end" gap="xl" data-testid="stock-summary-total">
          <Text size="sm">
            Products: <strong>{data.product_count}</strong>
          </Text>
          <Text size="sm">
            Total value (₹): <strong data-testid="stock-summary-total-value">{amount(data.total_value)}</strong>
          </Text>
        </Group>
      )}
    </ReportFrame>
  );
}
