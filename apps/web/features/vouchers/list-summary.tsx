'use client';
import { Group, Text } from '@mantine/core';
import type { voucherListTotalsSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { counted, rupees } from '@/lib/format';

export type VoucherListTotals = z.output<typeof voucherListTotalsSchema>;

/**
 * The count and totals of every voucher the register's filters match (not only the rows loaded),
 * as the API counts them: cancelled vouchers counted, their amounts left out.
 */
export function ListSummary({ summary, taxed = true }: { summary: VoucherListTotals | null | undefined; taxed?: boolean }) {
  if (!summary) return null;
  return (
    <Group gap="lg" wrap="wrap" data-testid="list-summary" aria-live="polite">
      <Text size="sm" fw={600} data-testid="list-count">
        {counted(summary.count, 'voucher')}
        {summary.cancelled_count > 0 ? ` (${summary.cancelled_count} cancelled)` : ''}
      </Text>
      {taxed && (
        <>
          <Text size="sm">
            Taxable <b data-testid="list-taxable">{rupees(summary.taxable_amount)}</b>
          </Text>
          <Text size="sm">
            Tax <b data-testid="list-tax">{rupees(summary.tax_amount)}</b>
          </Text>
        </>
      )}
      <Text size="sm">
        {taxed ? 'Grand total' : 'Total'} <b data-testid="list-grand">{rupees(summary.grand_total)}</b>
      </Text>
    </Group>
  );
}
