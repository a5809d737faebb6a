'use client';

import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { stockLedgerSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { KeysetTable } from '@/features/common/keyset-table';
import { useOrganization } from '@/lib/organization';
import { isAdminRole } from '@/lib/access';
import { useCurrentRole } from '@/lib/session';
import { useKeysetList } from '@/lib/use-keyset-list';
import { formatDate, formatDateTime } from '@/lib/dates';
import { quantity } from '@/lib/format';
import { AdjustStockDialog } from './adjust-dialog';

type Ledger = z.output<typeof stockLedgerSchema>;
type Movement = Ledger['items'][number];

function Cause({ m }: { m: Movement }) {
  if (m.source === 'adjustment') {
    return (
      <>
        <Badge variant="light" color="grape" size="sm">
          Adjustment
        </Badge>{' '}
        <Text span size="sm">
          {m.reason}
        </Text>
      </>
    );
  }
  const label = m.voucher_type === 'purchase' ? 'Purchase' : m.voucher_type === 'sales' ? 'Sale' : 'Voucher';
  const link =
    m.voucher_id && m.voucher_type ? (
      <Anchor component={Link} href={`/vouchers/${m.voucher_type}/${m.voucher_id}`} size="sm">
        {m.voucher_number}
      </Anchor>
    ) : (
      m.voucher_number
    );
  return (
    <>
      <Badge variant="light" color={m.source === 'voucher_cancel' ? 'red' : m.voucher_type === 'purchase' ? 'teal' : 'blue'} size="sm">
        {m.source === 'voucher_cancel' ? `${label} cancelled` : label}
      </Badge>{' '}
      {link}
      {m.reason && (
        <Text span size="xs" c="dimmed">
          {' '}
          ({m.reason})
        </Text>
      )}
    </>
  );
}

/** One product's stock movements with their cause and the balance after each, newest first. */
export function StockLedgerPage({ productId }: { productId: string }) {
  const org = useOrganization();
  const isAdmin = isAdminRole(useCurrentRole());
  const [head, setHead] = useState<Pick<Ledger, 'product_name' | 'unit' | 'quantity'> | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const list = useKeysetList(productId, async (cursor) => {
    const page = await api.get(`/stock/${productId}/ledger`, stockLedgerSchema, { limit: 100, cursor });
    setHead({ product_name: page.product_name, unit: page.unit, quantity: page.quantity });
    return page;
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Anchor component={Link} href="/stock" size="sm">
            ← Stock on hand
          </Anchor>
          <Title order={2}>Stock ledger{head ? `: ${head.product_name}` : ''}</Title>
          {head && (
            <Text data-testid="ledger-on-hand">
              On hand:{' '}
              <strong>
                {quantity(head.quantity)} {head.unit}
              </strong>
            </Text>
          )}
        </div>
        {isAdmin && head && <Button onClick={() => setAdjusting(true)}>Adjust stock</Button>}
      </Group>
      <KeysetTable
        list={list}
        label="Stock ledger"
        minWidth={720}
        head={
          <>
            <Table.Th>Date</Table.Th>
            <Table.Th>Cause</Table.Th>
            <Table.Th ta="right">In</Table.Th>
            <Table.Th ta="right">Out</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
            <Table.Th>By</Table.Th>
          </>
        }
        row={(m) => (
          <Table.Tr key={m.id} data-testid="ledger-row">
            <Table.Td title={formatDateTime(m.occurred_at, org.dateFormat)}>{formatDate(m.date, org.dateFormat)}</Table.Td>
            <Table.Td>
              <Cause m={m} />
            </Table.Td>
            <Table.Td ta="right" c="teal">
              {m.quantity_in !== '0.000' ? quantity(m.quantity_in) : ''}
            </Table.Td>
            <Table.Td ta="right" c="red">
              {m.quantity_out !== '0.000' ? quantity(m.quantity_out) : ''}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {quantity(m.balance_after)}
            </Table.Td>
            <Table.Td>
              <Text size="xs">{m.created_by_email ?? ''}</Text>
            </Table.Td>
          </Table.Tr>
        )}
        empty="No stock movements yet: purchases, sales and adjustments appear here."
      />
      {adjusting && head && (
        <AdjustStockDialog
          target={{ productId, productName: head.product_name, unit: head.unit, quantity: head.quantity }}
          onClose={() => setAdjusting(false)}
          onDone={() => {
            setAdjusting(false);
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}
