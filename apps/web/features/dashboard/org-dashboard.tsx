'use client';
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import { orgDashboardSchema, type CurrentUser } from '@tritiq/contracts';
import Link from 'next/link';
import type { z } from 'zod';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest } from '@/lib/api-client';
import { compactRupees, counted, formatDate, quantity, rupees, useDateFormat } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import { ScrollBox } from '@/features/common/scroll-table';
import { SetupChecklist } from './setup-checklist';

function Stat({ label, value, hint, href }: { label: string; value: string; hint?: string; href?: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text
        fw={700}
        mt={4}
        style={{ fontSize: 'clamp(18px, 5.5vw, 26px)', overflowWrap: 'anywhere' }}
        data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}
      >
        {href ? (
          <Anchor component={Link} href={href} inherit c="inherit" underline="never">
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

type Books = z.output<typeof orgDashboardSchema>['books'];

/** From the books: what customers owe and what is owed to vendors (overdue part), and cash and bank balances. */
function BooksFigures({ books }: { books: Books }) {
  const overdue = (side: Books['receivables']) =>
    side.overdue_bills > 0 ? `${rupees(side.overdue)} overdue (${counted(side.overdue_bills, 'bill')})` : counted(side.bills, 'open bill');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Stat label="Receivables" value={rupees(books.receivables.total)} hint={overdue(books.receivables)} />
      <Stat label="Payables" value={rupees(books.payables.total)} hint={overdue(books.payables)} />
      <Card withBorder padding="md" radius="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Cash and bank
        </Text>
        <Text fw={700} mt={4} style={{ fontSize: 'clamp(18px, 5.5vw, 26px)' }} data-testid="stat-cash-and-bank">
          {rupees(books.cash_bank_total)}
        </Text>
        <Stack gap={0} data-testid="cash-bank-balances">
          {books.cash_bank.map((l) => (
            <Group key={l.ledger_id} justify="space-between" gap="xs" wrap="nowrap">
              <Anchor component={Link} href={l.kind === 'cash' ? '/reports/cash-book' : `/reports/bank-book/${l.ledger_id}`} size="xs">
                {l.name}
              </Anchor>
              <Text size="xs">{rupees(l.balance)}</Text>
            </Group>
          ))}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

export function OrgDashboard({ user }: { user: CurrentUser }) {
  const data = useApi((signal) => apiRequest('/dashboard', { schema: orgDashboardSchema, signal }), []);
  const dateFormat = useDateFormat(user.organization_id);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} onRetry={data.reload} />;
  const d = data.data;
  const chart = d.daily.map((day) => ({ day: day.date.slice(8), Sales: Number(day.sales), Purchases: Number(day.purchases) }));
  return (
    <Stack gap="md">
      <SetupChecklist user={user} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Stat label="Sales this month" value={rupees(d.sales.total)} hint={counted(d.sales.count, 'voucher')} href="/vouchers/sales" />
        <Stat
          label="Purchases this month"
          value={rupees(d.purchases.total)}
          hint={counted(d.purchases.count, 'voucher')}
          href="/vouchers/purchase"
        />
        <Stat label="Customers" value={String(d.counts.customers)} href="/customers" />
        <Stat label="Vendors" value={String(d.counts.vendors)} href="/vendors" />
        <Stat label="Products" value={String(d.counts.products)} href="/products" />
      </SimpleGrid>
      <BooksFigures books={d.books} />
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>This month, day by day</Title>
          <Text size="xs" c="dimmed">
            {formatDate(d.month.from, dateFormat)} – {formatDate(d.month.to, dateFormat)}
          </Text>
        </Group>
        <BarChart
          h={220}
          data={chart}
          dataKey="day"
          series={[
            { name: 'Sales', color: 'indigo.6' },
            { name: 'Purchases', color: 'teal.6' },
          ]}
          valueFormatter={(v) => rupees(v.toFixed(2))}
          // The axis in compact Indian form (₹2.1 L, ₹1.4 Cr) and wide enough for it; the tooltip keeps full rupees.
          yAxisProps={{ tickFormatter: compactRupees, width: 72 }}
          withLegend
          tickLine="y"
        />
      </Card>
      <Card withBorder radius="md" padding="md">
        <Title order={4} mb="sm">
          Vouchers this month, by type
        </Title>
        <ScrollBox>
          <Table striped data-testid="vouchers-by-type" miw={360}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Type</Table.Th>
                <Table.Th ta="right">Vouchers</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.by_type.map((t) => (
                <Table.Tr key={t.voucher_type}>
                  <Table.Td>
                    <Anchor component={Link} href={`/vouchers/${t.voucher_type}`} size="sm">
                      {t.label}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{t.count}</Table.Td>
                  <Table.Td ta="right">{rupees(t.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="md" h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={4}>Low stock</Title>
              <Badge color={d.low_stock.count ? 'orange' : 'gray'}>{d.low_stock.count}</Badge>
            </Group>
            {d.low_stock.items.length === 0 ? (
              <EmptyState>Nothing is at or below its reorder level.</EmptyState>
            ) : (
              <ScrollBox>
                <Table striped miw={300}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Product</Table.Th>
                      <Table.Th ta="right">On hand</Table.Th>
                      <Table.Th ta="right">Reorder at</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.low_stock.items.map((item) => (
                      <Table.Tr key={item.product_id}>
                        <Table.Td>{item.product_name}</Table.Td>
                        <Table.Td ta="right" c="orange">
                          {quantity(item.quantity)} {item.unit}
                        </Table.Td>
                        <Table.Td ta="right">{quantity(item.reorder_level)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollBox>
            )}
            {d.low_stock.count > d.low_stock.items.length && (
              <Anchor component={Link} href="/stock" size="sm">
                All {d.low_stock.count} low-stock items
              </Anchor>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md" padding="md" h="100%">
            <Title order={4} mb="sm">
              Latest vouchers
            </Title>
            {d.latest_vouchers.length === 0 ? (
              <EmptyState>No vouchers yet.</EmptyState>
            ) : (
              <ScrollBox>
                <Table striped miw={460}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Number</Table.Th>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>Party</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.latest_vouchers.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Td>
                          <Anchor component={Link} href={`/vouchers/${v.voucher_type}/${v.id}`} size="sm">
                            {v.voucher_number}
                          </Anchor>{' '}
                          {v.status === 'cancelled' && (
                            <Badge size="xs" color="red" variant="light">
                              cancelled
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{formatDate(v.voucher_date, dateFormat)}</Table.Td>
                        <Table.Td>{v.party_name ?? '—'}</Table.Td>
                        <Table.Td ta="right">{rupees(v.grand_total)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollBox>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
