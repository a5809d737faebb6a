'use client';

import { Anchor, Badge, Button, Group, Stack, Switch, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { stockPageSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { KeysetTable } from '@/features/common/keyset-table';
import { isAdminRole } from '@/lib/access';
import { useCurrentRole } from '@/lib/session';
import { useDebouncedValue } from '@mantine/hooks';
import { useKeysetList } from '@/lib/use-keyset-list';
import { amount, quantity } from '@/lib/format';
import { AdjustStockDialog, type AdjustTarget } from './adjust-dialog';

export function StockListPage() {
  const isAdmin = isAdminRole(useCurrentRole());
  const [search, setSearch] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useKeysetList(`${q}|${lowOnly}`, (cursor) =>
    api.get('/stock', stockPageSchema, { search: q || undefined, low_stock_only: String(lowOnly), limit: 100, cursor }),
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
      <KeysetTable
        list={list}
        label="Stock on hand"
        minWidth={720}
        head={
          <>
            <Table.Th>Product</Table.Th>
            <Table.Th>Part no.</Table.Th>
            <Table.Th>HSN</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th ta="right">Reorder level</Table.Th>
            <Table.Th ta="right">Price (₹)</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(s) => (
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
        )}
        empty={lowOnly ? 'Nothing is below its reorder level.' : 'No products yet: add products under Master Data.'}
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
