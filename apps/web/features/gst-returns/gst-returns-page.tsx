'use client';

import { Alert, Anchor, Badge, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { gstr1SummarySchema, gstr3bSchema, type Gstr1Summary, type Gstr3b } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { api, buildUrl } from '@/lib/api-client';
import { amount } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import { ErrorState, LoadingState } from '@/features/common/states';
import { voucherPaths } from '@/features/vouchers/paths';
import { FiledStatus } from './filed-status';

/** The month before today's (the return usually prepared), as YYYY-MM. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The GST returns of a month (issue 16 item 5): each GSTR-1 section's count and totals, what
 * blocks filing (lines without a valid HSN/SAC, each linking to its voucher), the downloads
 * (the portal's JSON and an Excel workbook), GSTR-3B's tables, and marking the month filed.
 */
export function GstReturnsPage() {
  const [period, setPeriod] = useState(lastMonth);
  const valid = PERIOD.test(period);
  const data = useApi(
    async (signal) => {
      if (!valid) return null;
      const [gstr1, gstr3b] = await Promise.all([
        api.get('/gst/gstr-1/summary', gstr1SummarySchema, { period }, signal),
        api.get('/gst/gstr-3b', gstr3bSchema, { period }, signal),
      ]);
      return { gstr1, gstr3b };
    },
    [period, valid],
  );

  return (
    <Stack gap="md">
      <Title order={2}>GST returns</Title>
      <Group align="end" gap="md">
        <TextInput
          label="Month"
          type="month"
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          error={valid ? undefined : 'Choose a month'}
          w={200}
        />
        {valid && <FiledStatus period={period} />}
      </Group>
      {data.status === 'loading' && <LoadingState label="Preparing the returns…" />}
      {data.status === 'error' && <ErrorState message={data.message} onRetry={data.reload} />}
      {data.status === 'ready' && data.data && <Returns period={period} gstr1={data.data.gstr1} gstr3b={data.data.gstr3b} />}
    </Stack>
  );
}

function Returns({ period, gstr1, gstr3b }: { period: string; gstr1: Gstr1Summary; gstr3b: Gstr3b }) {
  const blocked = gstr1.problems.length > 0 || !gstr1.gstin;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between" align="center">
          <Title order={3}>GSTR-1 ({gstr1.fp})</Title>
          <Group gap="xs">
            <Button
              component="a"
              href={buildUrl('/gst/gstr-1', { period })}
              download
              disabled={blocked}
              data-disabled={blocked || undefined}
              onClick={(e) => blocked && e.preventDefault()}
            >
              Download JSON
            </Button>
            <Button
              component="a"
              variant="light"
              href={buildUrl('/gst/gstr-1', { period, format: 'xlsx' })}
              download
              disabled={blocked}
              data-disabled={blocked || undefined}
              onClick={(e) => blocked && e.preventDefault()}
            >
              Download Excel
            </Button>
          </Group>
        </Group>
        {!gstr1.gstin && (
          <Alert color="red" title="No GSTIN">
            Set the organisation&apos;s GSTIN in the{' '}
            <Anchor component={Link} href="/settings">
              company profile
            </Anchor>{' '}
            to prepare its returns.
          </Alert>
        )}
        {gstr1.problems.length > 0 && (
          <Alert color="red" title={`${gstr1.problems.length} line(s) block filing`} data-testid="gst-problems">
            <Text size="sm" mb="xs">
              Every invoice line needs an HSN/SAC of at least {gstr1.hsn_min_digits} digits. Correct the product, then cancel and issue the
              invoice again.
            </Text>
            <List size="sm">
              {gstr1.problems.map((p) => (
                <List.Item key={`${p.voucher_id}/${p.line_no}`}>
                  <Anchor component={Link} href={voucherPaths.view(p.voucher_type, p.voucher_id)}>
                    {p.voucher_number}
                  </Anchor>{' '}
                  line {p.line_no} ({p.product_name}): {p.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Table striped withTableBorder aria-label="GSTR-1 sections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Section</Table.Th>
              <Table.Th ta="right">Count</Table.Th>
              <Table.Th ta="right">Taxable value (₹)</Table.Th>
              <Table.Th ta="right">IGST</Table.Th>
              <Table.Th ta="right">CGST</Table.Th>
              <Table.Th ta="right">SGST</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gstr1.sections.map((s) => (
              <Table.Tr key={s.section} data-testid={`section-${s.section}`}>
                <Table.Td>{s.label}</Table.Td>
                <Table.Td ta="right">{s.count}</Table.Td>
                <Table.Td ta="right">{amount(s.taxable_value)}</Table.Td>
                <Table.Td ta="right">{amount(s.igst)}</Table.Td>
                <Table.Td ta="right">{amount(s.cgst)}</Table.Td>
                <Table.Td ta="right">{amount(s.sgst)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Gstr3bTables gstr3b={gstr3b} />
    </Stack>
  );
}

function Gstr3bTables({ gstr3b }: { gstr3b: Gstr3b }) {
  const o = gstr3b.outward_taxable;
  return (
    <Stack gap="xs">
      <Title order={3}>GSTR-3B ({gstr3b.ret_period})</Title>
      <Table withTableBorder aria-label="GSTR-3B">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Table</Table.Th>
            <Table.Th ta="right">Taxable value (₹)</Table.Th>
            <Table.Th ta="right">IGST</Table.Th>
            <Table.Th ta="right">CGST</Table.Th>
            <Table.Th ta="right">SGST</Table.Th>
            <Table.Th ta="right">Cess</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr data-testid="gstr3b-31a">
            <Table.Td>3.1(a) Outward taxable supplies</Table.Td>
            <Table.Td ta="right">{amount(o.taxable_value)}</Table.Td>
            <Table.Td ta="right">{amount(o.igst)}</Table.Td>
            <Table.Td ta="right">{amount(o.cgst)}</Table.Td>
            <Table.Td ta="right">{amount(o.sgst)}</Table.Td>
            <Table.Td ta="right">{amount(o.cess)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>3.1(c) Nil-rated supplies</Table.Td>
            <Table.Td ta="right">{amount(gstr3b.outward_nil_rated.taxable_value)}</Table.Td>
            <Table.Td colSpan={4} />
          </Table.Tr>
          {gstr3b.inter_state_unregistered.map((r) => (
            <Table.Tr key={r.place_of_supply}>
              <Table.Td>3.2 Inter-state to unregistered, place of supply {r.place_of_supply}</Table.Td>
              <Table.Td ta="right">{amount(r.taxable_value)}</Table.Td>
              <Table.Td ta="right">{amount(r.igst)}</Table.Td>
              <Table.Td colSpan={3} />
            </Table.Tr>
          ))}
          <Table.Tr data-testid="gstr3b-4a5">
            <Table.Td>4(A)(5) Input tax credit (vendors with a GSTIN)</Table.Td>
            <Table.Td />
            <Table.Td ta="right">{amount(gstr3b.itc_available.igst)}</Table.Td>
            <Table.Td ta="right">{amount(gstr3b.itc_available.cgst)}</Table.Td>
            <Table.Td ta="right">{amount(gstr3b.itc_available.sgst)}</Table.Td>
            <Table.Td ta="right">{amount(gstr3b.itc_available.cess)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>5 Nil-rated inward supplies (inter-state / intra-state)</Table.Td>
            <Table.Td ta="right">
              {amount(gstr3b.inward_nil_rated.inter_state)} / {amount(gstr3b.inward_nil_rated.intra_state)}
            </Table.Td>
            <Table.Td colSpan={4} />
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Table withTableBorder aria-label="Tax payable by head">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tax head</Table.Th>
            <Table.Th ta="right">Output tax</Table.Th>
            <Table.Th ta="right">Input credit</Table.Th>
            <Table.Th ta="right">Difference</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gstr3b.tax_heads.map((h) => (
            <Table.Tr key={h.head} data-testid={`head-${h.head}`}>
              <Table.Td>{h.head.toUpperCase()}</Table.Td>
              <Table.Td ta="right">{amount(h.output_tax)}</Table.Td>
              <Table.Td ta="right">{amount(h.input_credit)}</Table.Td>
              <Table.Td ta="right">
                {amount(h.difference)}
                {h.difference.startsWith('-') && (
                  <Badge ml="xs" size="sm" color="gray">
                    credit carried forward
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
