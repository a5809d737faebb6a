'use client';

import { ActionIcon, Button, Checkbox, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { dec, productPageSchema, toMoney, type LineAmounts, type ProductPrice, type lastRatesSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { GST_RATE_OPTIONS, rateOption } from '@/lib/gst';
import { amount, quantity, rupees } from '@/lib/format';
import { formatDate, type DateFormat } from '@/lib/dates';
import { ScrollBox } from '@/features/common/scroll-table';
import { RemoteSelect } from './remote-select';
import { flatDiscountProblem, isFlatDiscount, type DiscountKind, type LineDraft } from './voucher-math';

const DISCOUNT_KINDS: { value: DiscountKind; label: string }[] = [
  { value: 'percent', label: '%' },
  { value: 'amount', label: '₹' },
];

type Product = z.output<typeof productPageSchema>['items'][number];
export type LastRate = z.output<typeof lastRatesSchema>['items'][number];

const loadProducts = (search: string) =>
  api.get('/products', productPageSchema, { search: search || undefined, active_only: 'true', limit: 30 }).then((p) => p.items);

function productLabel(p: Pick<Product, 'name' | 'part_number'>): string {
  return p.part_number ? `${p.name} (${p.part_number})` : p.name;
}

export interface VoucherLinesProps {
  lines: LineDraft[];
  /** The product price a chosen product's line starts at (the voucher type's `defaultPrice`). */
  defaultPrice: ProductPrice;
  /** The rate each product was last billed at to the voucher's party. */
  lastRates: ReadonlyMap<string, LastRate>;
  /** The products a picker search showed (their last rates are then fetched). */
  onProductsShown: (productIds: string[]) => void;
  dateFormat: DateFormat;
  amounts: (LineAmounts | null)[];
  interState: boolean;
  errors: Record<string, string>;
  onChange: (key: string, patch: Partial<LineDraft>) => void;
  onAdd: (afterKey?: string) => void;
  onRemove: (key: string) => void;
}

/**
 * The line rows: Tab goes product -> quantity -> price -> discount -> GST within a row, Enter in a
 * number field adds a row below and moves to its product.
 */
export function VoucherLines({
  lines,
  defaultPrice,
  lastRates,
  onProductsShown,
  dateFormat,
  amounts,
  interState,
  errors,
  onChange,
  onAdd,
  onRemove,
}: VoucherLinesProps) {
  const onEnter = (key: string) => (e: React.KeyboardEvent) => {
    // Ctrl+Enter is the form's "save", never "add a line".
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      onAdd(key);
    }
  };
  return (
    <>
      <ScrollBox inputs>
        <Table verticalSpacing={4} aria-label="Voucher lines" withTableBorder miw={1000}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>#</Table.Th>
              <Table.Th miw={200}>Product</Table.Th>
              <Table.Th w={96}>Qty</Table.Th>
              <Table.Th w={110}>Rate (₹)</Table.Th>
              <Table.Th w={136}>Discount</Table.Th>
              <Table.Th w={96}>GST</Table.Th>
              <Table.Th w={110} ta="right">
                Taxable
              </Table.Th>
              <Table.Th w={100} ta="right">
                {interState ? 'IGST' : 'CGST+SGST'}
              </Table.Th>
              <Table.Th w={110} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={36} aria-label="Remove" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const a = amounts[i];
              const err = (f: string) => errors[`items.${i}.${f}`];
              const n = i + 1;
              return (
                <Table.Tr key={line.key} data-line-key={line.key} data-testid={`line-${n}`}>
                  <Table.Td>
                    <Text size="sm">{n}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RemoteSelect<Product>
                      aria-label={`Product, line ${n}`}
                      placeholder="Search product"
                      data-field="product"
                      load={loadProducts}
                      idOf={(p) => p.id}
                      labelOf={productLabel}
                      describe={(p) => {
                        const last = lastRates.get(p.id);
                        const stock = `${quantity(p.quantity_on_hand)} ${p.unit} in stock`;
                        return last ? `${stock} · last ₹${last.unit_price}` : stock;
                      }}
                      onLoaded={(found) => onProductsShown(found.map((p) => p.id))}
                      value={line.productId ? ({ id: line.productId, name: line.productName, part_number: null } as Product) : null}
                      onChange={(p) =>
                        onChange(
                          line.key,
                          p
                            ? {
                                productId: p.id,
                                productName: productLabel(p),
                                hsnCode: p.hsn_code,
                                unit: p.unit,
                                unitPrice: defaultPrice === 'purchase' ? p.purchase_price : p.sale_price,
                                onHand: p.quantity_on_hand,
                                gstRate: rateOption(p.gst_rate),
                                isGstInclusive: p.is_gst_inclusive,
                              }
                            : { productId: null, productName: '', hsnCode: null, unit: '' },
                        )
                      }
                      error={err('product_id')}
                      size="xs"
                      comboboxProps={{ withinPortal: true }}
                    />
                    {line.hsnCode && (
                      <Text size="xs" c="dimmed">
                        HSN {line.hsnCode}
                      </Text>
                    )}
                    {line.productId && lastRates.get(line.productId) && (
                      <Text size="xs" c="dimmed" data-testid={`line-${n}-last-rate`}>
                        Last rate to this party: {rupees(lastRates.get(line.productId)!.unit_price)} (
                        {lastRates.get(line.productId)!.voucher_number},{' '}
                        {formatDate(lastRates.get(line.productId)!.voucher_date, dateFormat)})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Quantity, line ${n}`}
                      inputMode="decimal"
                      miw={88}
                      size="xs"
                      value={line.quantity}
                      error={err('quantity')}
                      rightSection={line.unit ? <Text size="10px">{line.unit}</Text> : undefined}
                      rightSectionWidth={line.unit ? 34 : undefined}
                      onChange={(e) => onChange(line.key, { quantity: e.currentTarget.value })}
                      onKeyDown={onEnter(line.key)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Rate, line ${n}`}
                      inputMode="decimal"
                      miw={96}
                      size="xs"
                      value={line.unitPrice}
                      error={err('unit_price')}
                      onChange={(e) => onChange(line.key, { unitPrice: e.currentTarget.value })}
                      onKeyDown={onEnter(line.key)}
                    />
                    <Checkbox
                      size="xs"
                      mt={2}
                      label="incl. GST"
                      checked={line.isGstInclusive}
                      onChange={(e) => onChange(line.key, { isGstInclusive: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <NativeSelect
                        aria-label={`Discount as, line ${n}`}
                        title="Discount as a percentage or a flat amount in rupees"
                        size="xs"
                        w={48}
                        data={DISCOUNT_KINDS}
                        value={isFlatDiscount(line) ? 'amount' : 'percent'}
                        onChange={(e) => onChange(line.key, { discountKind: e.currentTarget.value as DiscountKind })}
                      />
                      {isFlatDiscount(line) ? (
                        <TextInput
                          aria-label={`Discount amount, line ${n}`}
                          inputMode="decimal"
                          miw={80}
                          size="xs"
                          placeholder="₹"
                          value={line.discountAmount ?? ''}
                          error={err('discount_amount') ?? flatDiscountProblem(line) ?? undefined}
                          onChange={(e) => onChange(line.key, { discountAmount: e.currentTarget.value })}
                          onKeyDown={onEnter(line.key)}
                        />
                      ) : (
                        <TextInput
                          aria-label={`Discount percent, line ${n}`}
                          inputMode="decimal"
                          miw={80}
                          size="xs"
                          value={line.discountPercentage}
                          error={err('discount_percentage')}
                          onChange={(e) => onChange(line.key, { discountPercentage: e.currentTarget.value })}
                          onKeyDown={onEnter(line.key)}
                        />
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`GST rate, line ${n}`}
                      miw={80}
                      size="xs"
                      data={GST_RATE_OPTIONS}
                      value={line.gstRate}
                      error={err('gst_rate')}
                      onChange={(e) => onChange(line.key, { gstRate: e.currentTarget.value })}
                      onKeyDown={onEnter(line.key)}
                    />
                  </Table.Td>
                  <Table.Td ta="right" data-testid={`line-${n}-taxable`}>
                    {a ? amount(a.taxableAmount) : ''}
                  </Table.Td>
                  <Table.Td ta="right" data-testid={`line-${n}-tax`}>
                    {a ? amount(interState ? a.igstAmount : toMoney(dec(a.cgstAmount).plus(dec(a.sgstAmount)))) : ''}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} data-testid={`line-${n}-total`}>
                    {a ? amount(a.totalAmount) : ''}
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove line ${n}`}
                      onClick={() => onRemove(line.key)}
                      disabled={lines.length === 1}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollBox>
      <Group mt="xs" gap="xs">
        <Button variant="light" size="xs" onClick={() => onAdd()}>
          Add line
        </Button>
        <Text size="xs" c="dimmed">
          Tab moves along a row (price, incl. GST, discount % or ₹, GST rate, remove); Enter in a number adds a line.
        </Text>
      </Group>
    </>
  );
}
