'use client';

import { Alert, Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  billSchema,
  deletedSchema,
  ledgerOpeningSchema,
  ledgerPageSchema,
  openingBalanceInput,
  openingBalancesSchema,
  openingBillInput,
  openingBillListSchema,
  openingBillUpdateSchema,
  openingStockInput,
  openingStockListSchema,
  openingStockSchema,
  productPageSchema,
} from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { z } from 'zod';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';
import { DateField } from '@/features/common/date-field';
import { FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { ScrollTable } from '@/features/common/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { useSubmit } from '@/features/common/use-form-submit';
import { drCr } from '@/features/reports/report-frame';
import { RemoteSelect } from '@/features/vouchers/remote-select';
import { api } from '@/lib/api-client';
import { formatDate, type DateFormat } from '@/lib/dates';
import { amount, quantity, unitRate } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useOrganization } from '@/lib/organization';
import { useApi } from '@/lib/use-api';

type Summary = z.output<typeof openingBalancesSchema>;
type Side = 'debit' | 'credit';
/** What the pickers need of a ledger (the API's ledger list answers more). */
interface LedgerChoice {
  id: string;
  name: string;
  group_name: string;
  party_id: string | null;
  party_kind: 'customer' | 'vendor' | null;
}
interface ProductChoice {
  id: string;
  name: string;
  unit: string;
}

const loadLedgers = (kind: 'party' | 'other') => (search: string) =>
  api.get('/accounts/ledgers', ledgerPageSchema, { search: search || undefined, kind, limit: 30 }).then((p) => p.items);

/**
 * The opening balances (BOOKS.md "Opening balances"; admins and org admins): every ledger's
 * opening as on the books start date, Dr or Cr; a customer's or vendor's bill by bill (its ledger's
 * opening is the sum of its bills); opening stock per product, quantity and rate. The totals and the
 * difference in opening balances are the API's after every change, as the trial balance shows them.
 */
export function OpeningBalancesPage() {
  const org = useOrganization();
  const summary = useApi((signal) => api.get('/opening-balances', openingBalancesSchema, undefined, signal), []);
  const [party, setParty] = useState<LedgerChoice | null>(null);
  if (summary.status === 'loading') return <LoadingState label="Loading the opening balances…" />;
  if (summary.status === 'error') return <ErrorState message={summary.message} onRetry={summary.reload} />;
  const s = summary.data;
  const partyLedgers = s.ledgers.filter((l) => l.party_id !== null);
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} href="/accounts" size="sm">
          ← Chart of accounts
        </Anchor>
        <Title order={2}>Opening balances</Title>
        <Text size="sm" c="dimmed">
          As on {formatDate(s.books_start_date, org.dateFormat)}, the books start date; opening stock is dated{' '}
          {formatDate(s.stock_date, org.dateFormat)}.
        </Text>
      </div>
      {s.locked && (
        <Alert color="orange" title="Books locked" data-testid="openings-locked">
          The books lock date covers the opening balances: changes are refused until an organisation admin moves the lock date.
        </Alert>
      )}
      <OpeningTotals s={s} />
      <LedgerOpenings s={s} onChanged={summary.reload} />
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Party opening bills
          </Title>
          <Text size="sm" c="dimmed">
            A customer&apos;s or vendor&apos;s opening balance is the sum of its unpaid bills from before the books start: enter them bill
            by bill, so receipts and payments can settle them.
          </Text>
          {partyLedgers.length > 0 && (
            <ScrollTable
              minWidth={480}
              label="Parties with opening bills"
              head={
                <>
                  <Table.Th>Party</Table.Th>
                  <Table.Th ta="right">Debit (₹)</Table.Th>
                  <Table.Th ta="right">Credit (₹)</Table.Th>
                  <Table.Th>Bills</Table.Th>
                </>
              }
            >
              {partyLedgers.map((l) => (
                <Table.Tr key={l.ledger_id} data-testid={`party-opening-${l.name}`}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td ta="right">{nonZero(l.debit)}</Table.Td>
                  <Table.Td ta="right">{nonZero(l.credit)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      aria-label={`Bills of ${l.name}`}
                      onClick={() =>
                        setParty({ id: l.ledger_id, name: l.name, group_name: l.group_name, party_id: l.party_id, party_kind: null })
                      }
                    >
                      Bills
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          )}
          <RemoteSelect<LedgerChoice>
            label="Customer or vendor"
            placeholder="Type a name"
            openOnFocus={false}
            load={loadLedgers('party')}
            idOf={(l) => l.id}
            labelOf={(l) => l.name}
            describe={(l) => l.group_name}
            value={party}
            onChange={setParty}
            maw={420}
          />
          {party?.party_id && (
            <OpeningBills key={party.party_id} partyId={party.party_id} format={org.dateFormat} onChanged={summary.reload} />
          )}
        </Stack>
      </Card>
      <OpeningStock stockDate={s.stock_date} format={org.dateFormat} onChanged={summary.reload} />
    </Stack>
  );
}

const nonZero = (v: string) => (/^-?0(\.0+)?$/.test(v) ? '' : amount(v));

function OpeningTotals({ s }: { s: Summary }) {
  const balanced = /^-?0(\.0+)?$/.test(s.difference);
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} data-testid="opening-totals">
      <Card withBorder radius="md" padding="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Total debit
        </Text>
        <Text fw={700} data-testid="opening-total-debit">
          {amount(s.total_debit)}
        </Text>
        <Text size="xs" c="dimmed">
          Opening stock {amount(s.stock_value)} included
        </Text>
      </Card>
      <Card withBorder radius="md" padding="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Total credit
        </Text>
        <Text fw={700} data-testid="opening-total-credit">
          {amount(s.total_credit)}
        </Text>
      </Card>
      <Card withBorder radius="md" padding="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          Difference in opening balances
        </Text>
        <Text fw={700} c={balanced ? 'green' : 'orange'} data-testid="opening-difference" aria-live="polite">
          {balanced ? 'None: debits equal credits' : drCr(s.difference)}
        </Text>
        {!balanced && (
          <Text size="xs" c="dimmed">
            The trial balance shows it until the openings agree.
          </Text>
        )}
      </Card>
    </SimpleGrid>
  );
}

/** Every other ledger's opening: pick one (or Edit a row), the amount and Dr or Cr; 0 or Remove clears it. */
function LedgerOpenings({ s, onChanged }: { s: Summary; onChanged: () => void }) {
  const rows = s.ledgers.filter((l) => l.party_id === null);
  const [ledger, setLedger] = useState<LedgerChoice | null>(null);
  const [value, setValue] = useState('');
  const [side, setSide] = useState<Side>('debit');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { run, busy, error } = useSubmit(setErrors, (f) => ['amount', 'side'].includes(f));

  const save = () => {
    const body = { amount: value.trim(), side };
    const checked = validateWith(openingBalanceInput, body);
    const invalid: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!ledger) invalid.ledger = 'Choose a ledger';
    void run(
      async () => {
        await api.put(`/opening-balances/ledgers/${ledger!.id}`, body, ledgerOpeningSchema);
        notify({ color: 'green', message: `Opening balance of ${ledger!.name} saved.` });
        setLedger(null);
        setValue('');
        setSide('debit');
        setErrors({});
        onChanged();
      },
      Object.keys(invalid).length > 0 ? { errors: invalid } : null,
    );
  };
  const edit = (l: Summary['ledgers'][number]) => {
    setErrors({});
    setLedger({ id: l.ledger_id, name: l.name, group_name: l.group_name, party_id: null, party_kind: null });
    const debit = !/^0(\.0+)?$/.test(l.debit);
    setValue(debit ? l.debit : l.credit);
    setSide(debit ? 'debit' : 'credit');
  };
  const remove = (l: Summary['ledgers'][number]) =>
    setConfirm({
      title: `Remove the opening balance of ${l.name}?`,
      message: 'Its opening becomes nil; its entries stay.',
      confirmLabel: 'Remove',
      danger: true,
      onConfirm: async () => {
        await api.put(`/opening-balances/ledgers/${l.ledger_id}`, { amount: '0', side: 'debit' }, ledgerOpeningSchema);
        notify({ color: 'green', message: `Opening balance of ${l.name} removed.` });
        onChanged();
      },
    });

  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Ledger openings
        </Title>
        <form
          aria-label="Ledger opening balance"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
            <RemoteSelect<LedgerChoice>
              label="Ledger"
              placeholder="Type a name"
              openOnFocus={false}
              required
              load={loadLedgers('other')}
              idOf={(l) => l.id}
              labelOf={(l) => l.name}
              describe={(l) => l.group_name}
              value={ledger}
              onChange={(l) => {
                setLedger(l);
                setErrors((e) => ({ ...e, ledger: '' }));
              }}
              error={errors.ledger || undefined}
            />
            <TextInput
              label="Opening balance (₹)"
              required
              inputMode="decimal"
              value={value}
              error={errors.amount}
              onChange={(e) => setValue(e.currentTarget.value)}
            />
            <NativeSelect
              label="Dr / Cr"
              data={[
                { value: 'debit', label: 'Dr' },
                { value: 'credit', label: 'Cr' },
              ]}
              value={side}
              error={errors.side}
              onChange={(e) => setSide(e.currentTarget.value as Side)}
            />
            <Button type="submit" loading={busy}>
              Save opening
            </Button>
          </SimpleGrid>
        </form>
        <FormAlert error={error} title="Not saved" testId="ledger-opening-refusal" />
        {rows.length === 0 ? (
          <EmptyState>No ledger has an opening balance yet.</EmptyState>
        ) : (
          <ScrollTable
            minWidth={560}
            label="Ledger opening balances"
            head={
              <>
                <Table.Th>Ledger</Table.Th>
                <Table.Th>Group</Table.Th>
                <Table.Th ta="right">Debit (₹)</Table.Th>
                <Table.Th ta="right">Credit (₹)</Table.Th>
                <Table.Th>Actions</Table.Th>
              </>
            }
          >
            {rows.map((l) => (
              <Table.Tr key={l.ledger_id} data-testid={`ledger-opening-${l.name}`}>
                <Table.Td>
                  <Anchor component={Link} href={`/reports/ledgers/${l.ledger_id}`} size="sm">
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{l.group_name}</Table.Td>
                <Table.Td ta="right">{nonZero(l.debit)}</Table.Td>
                <Table.Td ta="right">{nonZero(l.credit)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" aria-label={`Edit the opening of ${l.name}`} onClick={() => edit(l)}>
                      Edit
                    </Button>
                    {(nonZero(l.debit) || nonZero(l.credit)) && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove the opening of ${l.name}`}
                        onClick={() => remove(l)}
                      >
                        Remove
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </Stack>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Card>
  );
}

type Bill = z.output<typeof billSchema>;

/** One party's opening bills: add, change (never below what is settled) and delete (refused while settled). */
function OpeningBills({ partyId, format, onChanged }: { partyId: string; format: DateFormat; onChanged: () => void }) {
  const bills = useApi(
    (signal) => api.get(`/opening-balances/parties/${partyId}/bills`, openingBillListSchema, undefined, signal),
    [partyId],
  );
  const [editing, setEditing] = useState<Bill | null>(null);
  const [ref, setRef] = useState('');
  const [date, setDate] = useState('');
  const [due, setDue] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { run, busy, error } = useSubmit(setErrors, (f) => ['ref', 'date', 'due_date', 'amount'].includes(f));
  const reset = () => {
    setEditing(null);
    setRef('');
    setDate('');
    setDue('');
    setValue('');
    setErrors({});
  };
  const changed = () => {
    bills.reload();
    onChanged();
  };

  const save = () => {
    const body: Record<string, string> = { ref: ref.trim(), date, amount: value.trim() };
    if (due) body.due_date = due;
    if (editing) {
      const patch: Record<string, string> = {};
      if (body.ref !== editing.ref) patch.ref = body.ref!;
      if (date !== editing.date) patch.date = date;
      if (due && due !== editing.due_date) patch.due_date = due;
      if (body.amount !== editing.amount) patch.amount = body.amount!;
      const checked = validateWith(openingBillUpdateSchema, patch);
      void run(
        async () => {
          await api.patch(`/opening-balances/bills/${editing.id}`, patch, billSchema);
          notify({ color: 'green', message: `Opening bill ${body.ref} saved.` });
          reset();
          changed();
        },
        checked.ok ? null : { errors: checked.errors },
      );
      return;
    }
    const checked = validateWith(openingBillInput, body);
    void run(
      async () => {
        await api.post(`/opening-balances/parties/${partyId}/bills`, body, billSchema);
        notify({ color: 'green', message: `Opening bill ${body.ref} added.` });
        reset();
        changed();
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };
  const edit = (b: Bill) => {
    setErrors({});
    setEditing(b);
    setRef(b.ref);
    setDate(b.date);
    setDue(b.due_date);
    setValue(b.amount);
  };
  const remove = (b: Bill) =>
    setConfirm({
      title: `Delete opening bill ${b.ref}?`,
      message: "It leaves the party's opening balance. A bill that receipts or payments settle cannot be deleted.",
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: async () => {
        await api.delete(`/opening-balances/bills/${b.id}`, deletedSchema);
        notify({ color: 'green', message: `Opening bill ${b.ref} deleted.` });
        if (editing?.id === b.id) reset();
        changed();
      },
    });

  if (bills.status === 'loading') return <LoadingState />;
  if (bills.status === 'error') return <ErrorState message={bills.message} onRetry={bills.reload} />;
  const list = bills.data;
  return (
    <Stack gap="sm" data-testid="opening-bills">
      <Group justify="space-between" wrap="wrap">
        <Text fw={700}>
          {list.party.name}: {list.side === 'receivable' ? 'receivable (Dr)' : 'payable (Cr)'}
        </Text>
        <Text size="sm">
          Opening balance <strong data-testid="opening-bills-total">{amount(list.total)}</strong>
        </Text>
      </Group>
      {list.items.length === 0 ? (
        <EmptyState>No opening bills for {list.party.name} yet.</EmptyState>
      ) : (
        <ScrollTable
          minWidth={720}
          label={`Opening bills of ${list.party.name}`}
          head={
            <>
              <Table.Th>Bill</Table.Th>
              <Table.Th>Date</Table.Th>
              <Table.Th>Due date</Table.Th>
              <Table.Th ta="right">Amount (₹)</Table.Th>
              <Table.Th ta="right">Settled (₹)</Table.Th>
              <Table.Th ta="right">Outstanding (₹)</Table.Th>
              <Table.Th>Actions</Table.Th>
            </>
          }
        >
          {list.items.map((b) => (
            <Table.Tr key={b.id} data-testid={`opening-bill-${b.ref}`}>
              <Table.Td ff="monospace">{b.ref}</Table.Td>
              <Table.Td>{formatDate(b.date, format)}</Table.Td>
              <Table.Td>{formatDate(b.due_date, format)}</Table.Td>
              <Table.Td ta="right">{amount(b.amount)}</Table.Td>
              <Table.Td ta="right">{amount(b.allocated)}</Table.Td>
              <Table.Td ta="right">{amount(b.outstanding)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-sm" variant="subtle" aria-label={`Edit opening bill ${b.ref}`} onClick={() => edit(b)}>
                    Edit
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete opening bill ${b.ref}`}
                    onClick={() => remove(b)}
                  >
                    Delete
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      <form
        aria-label={editing ? `Edit opening bill ${editing.ref}` : 'New opening bill'}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {editing ? `Edit opening bill ${editing.ref}` : 'Add an opening bill'}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput
              label="Bill number"
              required
              maxLength={60}
              value={ref}
              error={errors.ref}
              onChange={(e) => setRef(e.currentTarget.value)}
            />
            <DateField label="Bill date" required value={date} format={format} error={errors.date} onChange={setDate} />
            <DateField label="Due date" clearable value={due} format={format} error={errors.due_date} onChange={setDue} />
            <TextInput
              label="Amount (₹)"
              required
              inputMode="decimal"
              value={value}
              error={errors.amount}
              onChange={(e) => setValue(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Without a due date, the bill is due its date plus the party&apos;s credit days.
          </Text>
          <FormAlert error={error} title="Not saved" testId="opening-bill-refusal" />
          <Group justify="flex-end">
            {editing && (
              <Button variant="default" onClick={reset}>
                Cancel edit
              </Button>
            )}
            <Button type="submit" loading={busy}>
              {editing ? 'Save bill' : 'Add bill'}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Stack>
  );
}

/** Opening stock per product (quantity and rate): it enters the stock ledger, stock on hand and stock value. */
function OpeningStock({ stockDate, format, onChanged }: { stockDate: string; format: DateFormat; onChanged: () => void }) {
  const stock = useApi((signal) => api.get('/opening-balances/stock', openingStockListSchema, undefined, signal), []);
  const [product, setProduct] = useState<ProductChoice | null>(null);
  const [qty, setQty] = useState('');
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { run, busy, error } = useSubmit(setErrors, (f) => ['quantity', 'rate'].includes(f));
  const changed = () => {
    stock.reload();
    onChanged();
  };
  const save = () => {
    const body = { quantity: qty.trim(), rate: rate.trim() };
    const checked = validateWith(openingStockInput, body);
    const invalid: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!product) invalid.product = 'Choose a product';
    void run(
      async () => {
        await api.put(`/opening-balances/stock/${product!.id}`, body, openingStockSchema);
        notify({ color: 'green', message: `Opening stock of ${product!.name} saved.` });
        setProduct(null);
        setQty('');
        setRate('');
        setErrors({});
        changed();
      },
      Object.keys(invalid).length > 0 ? { errors: invalid } : null,
    );
  };
  const remove = (i: z.output<typeof openingStockSchema>) =>
    setConfirm({
      title: `Remove the opening stock of ${i.product_name}?`,
      message: 'Its opening quantity becomes nil (refused if later sales would take the stock below nil).',
      confirmLabel: 'Remove',
      danger: true,
      onConfirm: async () => {
        await api.put(`/opening-balances/stock/${i.product_id}`, { quantity: '0', rate: '0' }, openingStockSchema);
        notify({ color: 'green', message: `Opening stock of ${i.product_name} removed.` });
        changed();
      },
    });

  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Opening stock
        </Title>
        <Text size="sm" c="dimmed">
          Dated {formatDate(stockDate, format)}, the day before the books start: it is the first row of each product&apos;s stock ledger and
          its average cost.
        </Text>
        <form
          aria-label="Opening stock"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
            <RemoteSelect<ProductChoice>
              label="Product"
              placeholder="Type a name"
              openOnFocus={false}
              required
              load={(search) =>
                api
                  .get('/products', productPageSchema, { search: search || undefined, active_only: 'true', limit: 30 })
                  .then((p) => p.items)
              }
              idOf={(p) => p.id}
              labelOf={(p) => p.name}
              describe={(p) => p.unit}
              value={product}
              onChange={(p) => {
                setProduct(p);
                setErrors((e) => ({ ...e, product: '' }));
              }}
              error={errors.product || undefined}
            />
            <TextInput
              label="Quantity"
              required
              inputMode="decimal"
              value={qty}
              error={errors.quantity}
              onChange={(e) => setQty(e.currentTarget.value)}
            />
            <TextInput
              label="Rate (₹ per unit)"
              required
              inputMode="decimal"
              value={rate}
              error={errors.rate}
              onChange={(e) => setRate(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              Save stock
            </Button>
          </SimpleGrid>
        </form>
        <FormAlert error={error} title="Not saved" testId="opening-stock-refusal" />
        {stock.status === 'loading' && <LoadingState />}
        {stock.status === 'error' && <ErrorState message={stock.message} onRetry={stock.reload} />}
        {stock.status === 'ready' && stock.data.items.length === 0 && <EmptyState>No opening stock yet.</EmptyState>}
        {stock.status === 'ready' && stock.data.items.length > 0 && (
          <ScrollTable
            minWidth={560}
            label="Opening stock"
            head={
              <>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Rate (₹)</Table.Th>
                <Table.Th ta="right">Value (₹)</Table.Th>
                <Table.Th>Actions</Table.Th>
              </>
            }
          >
            {stock.data.items.map((i) => (
              <Table.Tr key={i.product_id} data-testid={`opening-stock-${i.product_name}`}>
                <Table.Td>
                  <Anchor component={Link} href={`/stock/${i.product_id}`} size="sm">
                    {i.product_name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  {quantity(i.quantity)} {i.unit}
                </Table.Td>
                <Table.Td ta="right">{unitRate(i.rate)}</Table.Td>
                <Table.Td ta="right">{amount(i.value)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={`Edit the opening stock of ${i.product_name}`}
                      onClick={() => {
                        setErrors({});
                        setProduct({ id: i.product_id, name: i.product_name, unit: i.unit });
                        setQty(i.quantity);
                        setRate(i.rate);
                      }}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove the opening stock of ${i.product_name}`}
                      onClick={() => remove(i)}
                    >
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr data-testid="opening-stock-total">
              <Table.Td fw={700}>Total</Table.Td>
              <Table.Td />
              <Table.Td />
              <Table.Td ta="right" fw={700}>
                {amount(stock.data.total_value)}
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </ScrollTable>
        )}
      </Stack>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Card>
  );
}
