'use client';

import { Anchor, Button, Group, Menu, Stack, Switch, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { productPageSchema, productSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { amount, quantity } from '@/lib/format';
import { api } from '@/lib/api-client';
import { KeysetTable } from '@/features/common/keyset-table';
import { ActiveBadge, MasterActionConfirm, MasterActionsMenu, useMasterActions, useMasterEditor } from './master-actions';
import { rateOption } from '@/lib/gst';
import { ProductForm } from './product-form';
import { isAdminRole } from '@/lib/access';
import { useCurrentRole } from '@/lib/session';
import { useDebouncedValue } from '@mantine/hooks';
import { useKeysetList } from '@/lib/use-keyset-list';

export function ProductListPage() {
  const isAdmin = isAdminRole(useCurrentRole());
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useKeysetList(`${q}|${showInactive}`, (cursor) =>
    api.get('/products', productPageSchema, { search: q || undefined, active_only: String(!showInactive), limit: 50, cursor }),
  );
  const editor = useMasterEditor(list);
  const actions = useMasterActions({ path: '/products', schema: productSchema, list, showInactive });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Products</Title>
        <Button onClick={() => editor.open(null)}>New product</Button>
      </Group>
      <Group gap="md" wrap="wrap" align="end">
        <TextInput
          label="Search products"
          placeholder="Name, part number or HSN"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          type="search"
        />
        <Switch label="Show deactivated" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
      </Group>
      <KeysetTable
        list={list}
        label="Products"
        minWidth={780}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Part no.</Table.Th>
            <Table.Th>HSN</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th ta="right">Sale / purchase (₹)</Table.Th>
            <Table.Th ta="right">GST</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(p) => (
          <Table.Tr key={p.id} data-testid={`product-row-${p.name}`}>
            <Table.Td>
              <Anchor component="button" type="button" onClick={() => editor.open(p)} fw={500}>
                {p.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{p.part_number ?? ''}</Table.Td>
            <Table.Td ff="monospace">{p.hsn_code ?? ''}</Table.Td>
            <Table.Td>{p.unit}</Table.Td>
            <Table.Td ta="right">
              {amount(p.sale_price)}
              {p.purchase_price !== p.sale_price ? ` / ${amount(p.purchase_price)}` : ''}
              {p.is_gst_inclusive ? ' incl.' : ''}
            </Table.Td>
            <Table.Td ta="right">{rateOption(p.gst_rate)} %</Table.Td>
            <Table.Td ta="right">
              <Anchor component={Link} href={`/stock/${p.id}`}>
                {quantity(p.quantity_on_hand)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <ActiveBadge active={p.is_active} />
            </Table.Td>
            <Table.Td>
              <MasterActionsMenu record={p} isAdmin={isAdmin} onEdit={() => editor.open(p)} onAsk={actions.ask}>
                <Menu.Item component={Link} href={`/stock/${p.id}`}>
                  Stock ledger
                </Menu.Item>
              </MasterActionsMenu>
            </Table.Td>
          </Table.Tr>
        )}
        empty={q ? `No products match "${q}".` : 'No products yet. Add the first one.'}
      />
      {editor.editing && (
        <ProductForm
          key={editor.editing.record?.id ?? 'new'}
          product={editor.editing.record}
          opened
          onClose={editor.close}
          onSaved={editor.saved}
        />
      )}
      <MasterActionConfirm
        actions={actions}
        messages={{
          delete:
            'The product is removed for good. A product that a voucher or a stock movement uses cannot be deleted; deactivate it instead.',
          deactivate: 'A deactivated product stays on its vouchers and in the ledger but cannot be picked for new vouchers.',
          activate: 'The product can be picked for new vouchers again.',
        }}
      />
    </Stack>
  );
}
