'use client';

import { Alert, Divider, Group, Paper, Stack, Text } from '@mantine/core';
import { amountInWords, stateNameFor, type VoucherTotals } from '@tritiq/contracts';
import type { PlaceOfSupply } from '@tritiq/contracts';
import { rupees } from '@/lib/format';

function Row({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} data-testid={testId} ff="monospace">
        {value}
      </Text>
    </Group>
  );
}

export function supplyText(supply: PlaceOfSupply): string {
  const from = `${stateNameFor(supply.supplierStateCode) ?? supply.supplierStateCode} (${supply.supplierStateCode})`;
  const to = `${stateNameFor(supply.placeOfSupply) ?? supply.placeOfSupply} (${supply.placeOfSupply})`;
  return supply.isInterState ? `Inter-state supply, ${from} to ${to}: IGST` : `Intra-state supply within ${to}: CGST + SGST`;
}

/** The voucher's totals as they are typed, with the tax split and the amount in words. */
export function VoucherTotalsPanel({
  totals,
  supply,
  incompleteLines,
}: {
  totals: VoucherTotals;
  supply: PlaceOfSupply | null;
  incompleteLines: number;
}) {
  const inter = supply?.isInterState ?? false;
  return (
    <Paper withBorder p="md" miw={300} data-testid="live-totals" aria-live="polite">
      <Stack gap={4}>
        {supply ? (
          <Text size="xs" c="dimmed" data-testid="supply-kind">
            {supplyText(supply)}
          </Text>
        ) : (
          <Alert color="yellow" p="xs">
            Set the company&apos;s GST state in Settings before posting vouchers.
          </Alert>
        )}
        <Row label="Discount" value={rupees(totals.discountAmount)} testId="total-discount" />
        <Row label="Taxable value" value={rupees(totals.taxableAmount)} testId="total-taxable" />
        {inter ? (
          <Row label="IGST" value={rupees(totals.igstAmount)} testId="total-igst" />
        ) : (
          <>
            <Row label="CGST" value={rupees(totals.cgstAmount)} testId="total-cgst" />
            <Row label="SGST" value={rupees(totals.sgstAmount)} testId="total-sgst" />
          </>
        )}
        <Row label="Total" value={rupees(totals.totalAmount)} testId="total-total" />
        <Row label="Round off" value={rupees(totals.roundOff)} testId="total-round-off" />
        <Divider my={4} />
        <Row label="Grand total" value={rupees(totals.grandTotal)} testId="total-grand" strong />
        <Text size="xs" fs="italic" data-testid="total-words">
          {amountInWords(totals.grandTotal)}
        </Text>
        {incompleteLines > 0 && (
          <Text size="xs" c="orange">
            {incompleteLines} line{incompleteLines > 1 ? 's' : ''} not counted yet (a value is missing or invalid).
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
