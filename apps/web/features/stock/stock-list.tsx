'use client';

import { Anchor, Badge, Button, Group, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { stockPageSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { z } from 'zod';
import { apiGet } from '../masters/api';
import { ListFooter, ScrollTable } from '../masters/list-states';
import { isAdminRole, useCurrentRole } from '../masters/session';
import { useDebounced, useKeysetList } from '../masters/use-keyset-list';
import { amount, quantity } from '../vouchers/format';
import { AdjustStockDialog, type AdjustTarget } from './adjust-dialog';

type StockItem = z.output<typeof stockPageSchema>['items'][number];

export function StockListPage() {
  const isAdmin = isAdminRole(useCurrentRole());
  const [search, setSearch] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const q = useDebounced(search.trim());
  const list = useKeysetList(`${q}|${lowOnly}`, (cursor) =>
    apiGet('/stock', stockPageSchema, { search: q || undefined, low_stock_only: String(lowOnly), limit: 100, cursor }),
  );
  const [adjusting, setAdjusting] = useState<AdjustTarget | null>(null);

  return (
    <Stack gap="md">
      <Title order={2}>Stock on hand</Title>
      <Group gap="md" wrap="wrap" align="end">
        <TextInput
          label="Search stock"
          placeholder="Name, part number or HSN"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          type="search"
        />
        <Switch label="Low stock only" checked={lowOnly} onChange={(e) => setLowOnly(e.currentTarget.checked)} />
      </Group>
      <ScrollTable minWidth={720} label="Stock on hand">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Part no.</Table.Th>
            <Table.Th>HSN</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th ta="right">Reorder level</Table.Th>
            <Table.Th ta="right">Price (₹)</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((s: StockItem) => (
            <Table.Tr
              key={s.product_id}
              data-testid={`stock-row-${s.product_name}`}
              data-low={s.is_low_stock}
              bg={s.is_low_stock ? 'var(--mantine-color-orange-light)' : undefined}
            >
              <Table.Td>
                <Anchor component={Link} href={`/stock/${s.product_id}`} fw={500}>
                  {s.product_name}
                </Anchor>
                {s.is_low_stock && (
                  <Badge color="orange" ml="xs" size="sm">
                    Low
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{s.part_number ?? ''}</Table.Td>
              <Table.Td ff="monospace">{s.hsn_code ?? ''}</Table.Td>
              <Table.Td ta="right" data-testid="on-hand" fw={600}>
                {quantity(s.quantity)} {s.unit}
              </Table.Td>
              <Table.Td ta="right">{quantity(s.reorder_level)}</Table.Td>
              <Table.Td ta="right">{amount(s.unit_price)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" component={Link} href={`/stock/${s.product_id}`}>
                    Ledger
                  </Button>
                  {isAdmin && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() =>
                        setAdjusting({ productId: s.product_id, productName: s.product_name, unit: s.unit, quantity: s.quantity })
                      }
                    >
                      Adjust
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ListFooter
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={lowOnly ? 'Nothing is below its reorder level.' : 'No products yet: add products under Master Data.'}
        hasMore={list.hasMore}
        onMore={list.loadMore}
        onRetry={list.reload}
      />
      {adjusting && (
        <AdjustStockDialog
          target={adjusting}
          onClose={() => setAdjusting(null)}
          onDone={() => {
            setAdjusting(null);
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}
