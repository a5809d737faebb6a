'use client';

import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
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
import { useState, type ReactNode } from 'react';
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
import { DecimalInput, DrCrSelect, type Side } from './balance-fields';

type Summary = z.output<typeof openingBalancesSchema>;
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
      <OpeningSection
        title="Party opening bills"
        intro="A customer's or vendor's opening balance is the sum of its unpaid bills from before the books start: enter them bill by bill, so receipts and payments can settle them."
      >
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
        <NamePicker<LedgerChoice>
          label="Customer or vendor"
          load={loadLedgers('party')}
          describe={(l) => l.group_name}
          value={party}
          onChange={setParty}
          maw={420}
        />
        {party?.party_id && (
          <OpeningBills key={party.party_id} partyId={party.party_id} format={org.dateFormat} onChanged={summary.reload} />
        )}
      </OpeningSection>
      <OpeningStock stockDate={s.stock_date} format={org.dateFormat} onChanged={summary.reload} />
    </Stack>
  );
}

const nonZero = (v: string) => (/^-?0(\.0+)?$/.test(v) ? '' : amount(v));

/** One section of the page (ledger openings, party bills, opening stock): its title, what it is, its form and rows. */
function OpeningSection({
  title,
  intro,
  confirm,
  onConfirmClosed,
  children,
}: {
  title: string;
  intro?: ReactNode;
  /** The section's "Remove …?" question, asked in a dialog of its own. */
  confirm?: ConfirmRequest | null;
  onConfirmClosed?: () => void;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {intro && (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        )}
        {children}
      </Stack>
      {onConfirmClosed && <ConfirmDialog request={confirm ?? null} onClose={onConfirmClosed} />}
    </Card>
  );
}

/** A section's entry form (Enter or its button saves); `inline` puts the fields and the button in one row. */
function OpeningForm({
  label,
  onSave,
  inline,
  children,
}: {
  label: string;
  onSave: () => void;
  inline?: { submitLabel: string; busy: boolean };
  children: ReactNode;
}) {
  return (
    <form
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {inline ? (
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
          {children}
          <Button type="submit" loading={inline.busy}>
            {inline.submitLabel}
          </Button>
        </SimpleGrid>
      ) : (
        children
      )}
    </form>
  );
}

/** A picker that searches by name as you type (a ledger, a party, a product), its choices described underneath. */
function NamePicker<T extends { id: string; name: string }>({
  label,
  load,
  describe,
  value,
  onChange,
  required,
  error,
  maw,
}: {
  label: string;
  load: (search: string) => Promise<T[]>;
  describe: (item: T) => string;
  value: T | null;
  onChange: (item: T | null) => void;
  required?: boolean;
  error?: string;
  maw?: number;
}) {
  return (
    <RemoteSelect<T>
      label={label}
      placeholder="Type a name"
      openOnFocus={false}
      required={required}
      load={load}
      idOf={(x) => x.id}
      labelOf={(x) => x.name}
      describe={describe}
      value={value}
      onChange={onChange}
      error={error || undefined}
      maw={maw}
    />
  );
}

/** A row's Edit and (where it has one) Remove or Delete, each naming what it acts on for a screen reader. */
function RowActions({
  what,
  onEdit,
  onRemove,
  removeLabel = 'Remove',
}: {
  /** Completes "Edit …" and "Remove …": "the opening of Rent". */
  what: string;
  onEdit: () => void;
  onRemove?: () => void;
  removeLabel?: 'Remove' | 'Delete';
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-sm" variant="subtle" aria-label={`Edit ${what}`} onClick={onEdit}>
        Edit
      </Button>
      {onRemove && (
        <Button size="compact-sm" variant="subtle" color="red" aria-label={`${removeLabel} ${what}`} onClick={onRemove}>
          {removeLabel}
        </Button>
      )}
    </Group>
  );
}

/** The question before removing an opening: on yes, `action`, then `done` said and `changed` called. */
function removal(
  question: Pick<ConfirmRequest, 'title' | 'message' | 'confirmLabel'>,
  action: () => Promise<unknown>,
  done: string,
  changed: () => void,
): ConfirmRequest {
  return {
    ...question,
    danger: true,
    onConfirm: async () => {
      await action();
      notify({ color: 'green', message: done });
      changed();
    },
  };
}

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
    setConfirm(
      removal(
        {
          title: `Remove the opening balance of ${l.name}?`,
          message: 'Its opening becomes nil; its entries stay.',
          confirmLabel: 'Remove',
        },
        () => api.put(`/opening-balances/ledgers/${l.ledger_id}`, { amount: '0', side: 'debit' }, ledgerOpeningSchema),
        `Opening balance of ${l.name} removed.`,
        onChanged,
      ),
    );

  return (
    <OpeningSection title="Ledger openings" confirm={confirm} onConfirmClosed={() => setConfirm(null)}>
      <OpeningForm label="Ledger opening balance" onSave={save} inline={{ submitLabel: 'Save opening', busy }}>
        <NamePicker<LedgerChoice>
          label="Ledger"
          required
          load={loadLedgers('other')}
          describe={(l) => l.group_name}
          value={ledger}
          onChange={(l) => {
            setLedger(l);
            setErrors((e) => ({ ...e, ledger: '' }));
          }}
          error={errors.ledger}
        />
        <DecimalInput label="Opening balance (₹)" required value={value} error={errors.amount} onChange={setValue} />
        <DrCrSelect value={side} error={errors.side} onChange={setSide} />
      </OpeningForm>
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
                <RowActions
                  what={`the opening of ${l.name}`}
                  onEdit={() => edit(l)}
                  onRemove={nonZero(l.debit) || nonZero(l.credit) ? () => remove(l) : undefined}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </OpeningSection>
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
    setConfirm(
      removal(
        {
          title: `Delete opening bill ${b.ref}?`,
          message: "It leaves the party's opening balance. A bill that receipts or payments settle cannot be deleted.",
          confirmLabel: 'Delete',
        },
        () => api.delete(`/opening-balances/bills/${b.id}`, deletedSchema),
        `Opening bill ${b.ref} deleted.`,
        () => {
          if (editing?.id === b.id) reset();
          changed();
        },
      ),
    );

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
                <RowActions what={`opening bill ${b.ref}`} onEdit={() => edit(b)} onRemove={() => remove(b)} removeLabel="Delete" />
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      <OpeningForm label={editing ? `Edit opening bill ${editing.ref}` : 'New opening bill'} onSave={save}>
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
            <DecimalInput label="Amount (₹)" required value={value} error={errors.amount} onChange={setValue} />
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
      </OpeningForm>
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
    setConfirm(
      removal(
        {
          title: `Remove the opening stock of ${i.product_name}?`,
          message: 'Its opening quantity becomes nil (refused if later sales would take the stock below nil).',
          confirmLabel: 'Remove',
        },
        () => api.put(`/opening-balances/stock/${i.product_id}`, { quantity: '0', rate: '0' }, openingStockSchema),
        `Opening stock of ${i.product_name} removed.`,
        changed,
      ),
    );

  return (
    <OpeningSection
      title="Opening stock"
      intro={`Dated ${formatDate(stockDate, format)}, the day before the books start: it is the first row of each product's stock ledger and its average cost.`}
      confirm={confirm}
      onConfirmClosed={() => setConfirm(null)}
    >
      <OpeningForm label="Opening stock" onSave={save} inline={{ submitLabel: 'Save stock', busy }}>
        <NamePicker<ProductChoice>
          label="Product"
          required
          load={(search) =>
            api.get('/products', productPageSchema, { search: search || undefined, active_only: 'true', limit: 30 }).then((p) => p.items)
          }
          describe={(p) => p.unit}
          value={product}
          onChange={(p) => {
            setProduct(p);
            setErrors((e) => ({ ...e, product: '' }));
          }}
          error={errors.product}
        />
        <DecimalInput label="Quantity" required value={qty} error={errors.quantity} onChange={setQty} />
        <DecimalInput label="Rate (₹ per unit)" required value={rate} error={errors.rate} onChange={setRate} />
      </OpeningForm>
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
                <RowActions
                  what={`the opening stock of ${i.product_name}`}
                  onEdit={() => {
                    setErrors({});
                    setProduct({ id: i.product_id, name: i.product_name, unit: i.unit });
                    setQty(i.quantity);
                    setRate(i.rate);
                  }}
                  onRemove={() => remove(i)}
                />
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
    </OpeningSection>
  );
}
