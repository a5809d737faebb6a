'use client';

import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  dec,
  isDecimalString,
  nextNumberSchema,
  partyFieldOf,
  partyPageSchema,
  toMoney,
  voucherCreateSchema,
  ZERO,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { DateField } from '@/features/common/date-field';
import { ScrollBox } from '@/features/common/scroll-table';
import { api, errorMessage } from '@/lib/api-client';
import { todayInIndia, formatDate } from '@/lib/dates';
import { amount as fmt, rupees } from '@/lib/format';
import { idempotencyKeys } from '@/lib/idempotency';
import { useOrganization } from '@/lib/organization';
import { LedgerSelect, type Ledger } from './ledger-select';
import { loadOpenBills, type OpenBill } from './open-bills';
import { partyNoun, voucherPaths } from './paths';
import { RemoteSelect } from './remote-select';
import { postNewVoucher, VoucherEntryForm } from './voucher-entry';

type Party = z.output<typeof partyPageSchema>['items'][number];

const MODES = [
  { value: 'cash', label: 'Cash' },
  { value: 'cheque', label: 'Cheque' },
  { value: 'bank_transfer', label: 'Bank transfer' },
  { value: 'upi', label: 'UPI' },
];

/** A typed amount as a decimal, or null when it is not one (blank, letters, more than two decimals). */
function money(text: string): ReturnType<typeof dec> | null {
  const t = text.trim();
  return t !== '' && isDecimalString(t) && !/\.\d{3,}$/.test(t) ? dec(t) : null;
}

/**
 * A receipt or payment (BOOKS.md): the cash or bank ledger, the party (or another ledger), the
 * amount and how it moved; the party's open bills listed with what each still owes, allocated by
 * keyboard (Tab from bill to bill, Enter takes the outstanding as far as the amount goes, or type
 * an amount); what is not allocated stays on account, shown as it changes.
 */
export function MoneyVoucherForm({ def }: { def: VoucherTypeDefinition }) {
  const router = useRouter();
  const org = useOrganization();
  const noun = partyNoun(def);
  const partyField = partyFieldOf(def) ?? 'party_id';
  const receipt = def.posting?.kind === 'entries' && def.posting.entries[0]?.account.from === 'header';
  const [date, setDate] = useState(todayInIndia());
  const [cashBank, setCashBank] = useState<Ledger | null>(null);
  const [against, setAgainst] = useState<'party' | 'ledger'>('party');
  const [party, setParty] = useState<Party | null>(null);
  const [otherLedger, setOtherLedger] = useState<Ledger | null>(null);
  const [amountText, setAmountText] = useState('');
  const [mode, setMode] = useState('cash');
  const [chequeNo, setChequeNo] = useState('');
  const [chequeDate, setChequeDate] = useState('');
  const [transferRef, setTransferRef] = useState('');
  const [notes, setNotes] = useState('');
  const [bills, setBills] = useState<OpenBill[] | null>(null);
  const [billsError, setBillsError] = useState<string | null>(null);
  const [alloc, setAlloc] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const [nextNumber, setNextNumber] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const keys = useRef(idempotencyKeys());
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const notesRef = useRef<HTMLTextAreaElement>(null);

  useLeaveGuard(!leaving && (party !== null || otherLedger !== null || amountText !== '' || notes !== ''));

  useEffect(() => {
    let live = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    api
      .get(`/vouchers/${def.type}/next-number`, nextNumberSchema, { date })
      .then((n) => live && setNextNumber(n.voucher_number))
      .catch(() => live && setNextNumber(null));
    return () => {
      live = false;
    };
  }, [def.type, date]);

  useEffect(() => {
    setAlloc({});
    setBills(null);
    setBillsError(null);
    if (!party) return;
    const controller = new AbortController();
    loadOpenBills(party.id, controller.signal)
      .then((b) => !controller.signal.aborted && setBills(b))
      .catch((err: unknown) => !controller.signal.aborted && setBillsError(errorMessage(err)));
    return () => controller.abort();
  }, [party?.id]);

  const total = money(amountText);
  const allocated = Object.values(alloc).reduce((s, v) => s.plus(money(v) ?? ZERO), ZERO);
  const onAccount = total ? total.minus(allocated) : null;
  const overAllocated = total !== null && allocated.gt(total);
  const rowProblem = (b: OpenBill): string | undefined => {
    const text = alloc[b.id] ?? '';
    if (text.trim() === '') return errors[`bill.${b.id}`];
    const v = money(text);
    if (!v || v.lte(ZERO)) return 'Enter an amount in rupees (two decimals at most)';
    if (v.gt(dec(b.outstanding))) return `More than the outstanding ${fmt(b.outstanding)}`;
    return errors[`bill.${b.id}`];
  };

  const clear = (...names: string[]) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !names.includes(k))));
  const setAllocation = (billId: string, text: string) => {
    setAlloc((a) => ({ ...a, [billId]: text }));
    clear(`bill.${billId}`, 'allocations');
  };

  /** Enter on a bill: take its outstanding, as far as what is left of the amount goes; then on to the next bill. */
  const take = (index: number) => {
    if (!bills) return;
    const bill = bills[index]!;
    const others = allocated.minus(money(alloc[bill.id] ?? '') ?? ZERO);
    const left = total ? total.minus(others) : dec(bill.outstanding);
    const due = dec(bill.outstanding);
    const taken = left.lte(ZERO) ? ZERO : left.lt(due) ? left : due;
    setAllocation(bill.id, taken.gt(ZERO) ? toMoney(taken) : '');
    const next = bills[index + 1];
    if (next) inputs.current.get(next.id)?.focus();
    else notesRef.current?.focus();
  };

  const submit = () => {
    const allocations = (bills ?? []).flatMap((b) => {
      const text = (alloc[b.id] ?? '').trim();
      return text === '' ? [] : [{ bill_id: b.id, amount: text }];
    });
    const body: Record<string, unknown> = {
      date,
      cash_bank_ledger_id: cashBank?.id ?? '',
      amount: amountText.trim(),
      mode,
      notes,
    };
    if (against === 'party') {
      body[partyField] = party?.id ?? '';
      body.allocations = allocations;
    } else body.other_ledger_id = otherLedger?.id ?? '';
    if (mode === 'cheque') Object.assign(body, { instrument_number: chequeNo, instrument_date: chequeDate || null });
    if (mode === 'bank_transfer' || mode === 'upi') body.transfer_reference = transferRef;

    const remap = (errs: FieldErrors): FieldErrors => {
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(errs)) {
        const m = /^allocations\.(\d+)\./.exec(k);
        if (m && allocations[Number(m[1])]) out[`bill.${allocations[Number(m[1])]!.bill_id}`] = v;
        else if (k === partyField) out.party = v;
        else out[k] = v;
      }
      return out;
    };
    const rowIssues = (bills ?? []).some((b) => (alloc[b.id] ?? '').trim() !== '' && rowProblem(b));
    const checked = validateWith(voucherCreateSchema(def), body);
    const invalid = !checked.ok
      ? { errors: checked.errors, message: 'Please correct the highlighted fields.' }
      : rowIssues || overAllocated
        ? { errors: {}, message: overAllocated ? 'The bills are allocated more than the amount.' : 'Please correct the allocations.' }
        : null;
    void run(
      async () => {
        const saved = await postNewVoucher(def.type, body, keys.current);
        setLeaving(true);
        router.push(`${voucherPaths.view(def.type, saved.id)}?created=1`);
      },
      invalid,
      remap,
    );
  };

  return (
    <VoucherEntryForm def={def} nextNumber={nextNumber} onSubmit={submit}>
      <Paper withBorder p="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <DateField label="Date" required format={org.dateFormat} value={date} error={errors.date} onChange={setDate} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <LedgerSelect
              label={receipt ? 'Received into (cash or bank)' : 'Paid from (cash or bank)'}
              required
              autoFocus
              kind="cash_bank"
              placeholder="Search cash and bank ledgers"
              value={cashBank}
              onChange={(l) => {
                setCashBank(l);
                clear('cash_bank_ledger_id');
              }}
              error={errors.cash_bank_ledger_id}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <TextInput
              label="Amount (₹)"
              required
              inputMode="decimal"
              value={amountText}
              error={errors.amount}
              onChange={(e) => {
                setAmountText(e.currentTarget.value);
                clear('amount', 'allocations');
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Text size="sm" fw={500} mb={4} id="against-label">
              {receipt ? 'Received from' : 'Paid to'}
            </Text>
            <SegmentedControl
              aria-labelledby="against-label"
              value={against}
              onChange={(v) => {
                setAgainst(v as 'party' | 'ledger');
                clear('party', 'other_ledger_id');
              }}
              data={[
                { value: 'party', label: noun },
                { value: 'ledger', label: 'Another ledger' },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            {against === 'party' ? (
              <RemoteSelect<Party>
                label={noun}
                required
                placeholder={`Search ${noun.toLowerCase()}s`}
                load={(search) =>
                  api
                    .get(`/${def.party?.kind ?? 'customer'}s`, partyPageSchema, { search: search || undefined, limit: 30 })
                    .then((p) => p.items)
                }
                idOf={(p) => p.id}
                labelOf={(p) => p.name}
                value={party}
                onChange={(p) => {
                  setParty(p);
                  clear('party');
                }}
                error={errors.party}
              />
            ) : (
              <LedgerSelect
                label="Ledger"
                required
                kind="other"
                placeholder="Loan, capital, an income or an expense"
                value={otherLedger}
                onChange={(l) => {
                  setOtherLedger(l);
                  clear('other_ledger_id');
                }}
                error={errors.other_ledger_id}
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <NativeSelect
              label="Mode"
              data={MODES}
              value={mode}
              error={errors.mode}
              onChange={(e) => {
                setMode(e.currentTarget.value);
                clear('mode', 'instrument_number', 'instrument_date', 'transfer_reference');
              }}
            />
          </Grid.Col>
          {mode === 'cheque' && (
            <>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <TextInput
                  label="Cheque no."
                  required
                  maxLength={20}
                  value={chequeNo}
                  error={errors.instrument_number}
                  onChange={(e) => {
                    setChequeNo(e.currentTarget.value);
                    clear('instrument_number');
                  }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <DateField
                  label="Cheque date"
                  required
                  format={org.dateFormat}
                  value={chequeDate}
                  error={errors.instrument_date}
                  onChange={(v) => {
                    setChequeDate(v);
                    clear('instrument_date');
                  }}
                />
              </Grid.Col>
            </>
          )}
          {(mode === 'bank_transfer' || mode === 'upi') && (
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput
                label="UTR / reference"
                required
                maxLength={40}
                value={transferRef}
                error={errors.transfer_reference}
                onChange={(e) => {
                  setTransferRef(e.currentTarget.value);
                  clear('transfer_reference');
                }}
              />
            </Grid.Col>
          )}
        </Grid>
      </Paper>

      {against === 'party' && party && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap">
              <Title order={3} size="h4">
                Open bills of {party.name}
              </Title>
              <Group gap="lg" aria-live="polite">
                <Text size="sm">
                  Allocated <b data-testid="allocated-total">{rupees(toMoney(allocated))}</b>
                </Text>
                <Text size="sm">
                  On account{' '}
                  <b data-testid="on-account" style={{ color: onAccount && onAccount.lt(ZERO) ? 'var(--mantine-color-red-9)' : undefined }}>
                    {onAccount ? rupees(toMoney(onAccount)) : '—'}
                  </b>
                </Text>
              </Group>
            </Group>
            {billsError && <Alert color="red">Could not load the open bills: {billsError}</Alert>}
            {!bills && !billsError && <Text c="dimmed">Loading the open bills…</Text>}
            {bills && bills.length === 0 && (
              <Text c="dimmed" data-testid="no-open-bills">
                {party.name} has no open bills: the whole amount stays on account.
              </Text>
            )}
            {bills && bills.length > 0 && (
              <>
                <Text size="xs" c="dimmed">
                  Tab moves from bill to bill; Enter takes a bill&apos;s outstanding (as far as the amount goes), or type an amount.
                </Text>
                <ScrollBox inputs>
                  <Table verticalSpacing={4} miw={640} aria-label="Open bills" data-testid="open-bills">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Bill</Table.Th>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Due date</Table.Th>
                        <Table.Th ta="right">Outstanding (₹)</Table.Th>
                        <Table.Th ta="right">Allocate (₹)</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {bills.map((b, i) => (
                        <Table.Tr key={b.id} data-testid={`bill-row-${b.ref}`}>
                          <Table.Td ff="monospace">{b.ref}</Table.Td>
                          <Table.Td>{formatDate(b.date, org.dateFormat)}</Table.Td>
                          <Table.Td>
                            {formatDate(b.dueDate, org.dateFormat)}
                            {b.overdue && (
                              <Badge ml={6} size="xs" color="red" variant="light">
                                Overdue
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td ta="right">{fmt(b.outstanding)}</Table.Td>
                          <Table.Td>
                            <TextInput
                              ref={(el) => {
                                if (el) inputs.current.set(b.id, el);
                                else inputs.current.delete(b.id);
                              }}
                              aria-label={`Allocate to ${b.ref}`}
                              inputMode="decimal"
                              size="xs"
                              styles={{ input: { textAlign: 'right' } }}
                              value={alloc[b.id] ?? ''}
                              error={rowProblem(b)}
                              onChange={(e) => setAllocation(b.id, e.currentTarget.value)}
                              onKeyDown={(e) => {
                                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
                                  e.preventDefault();
                                  take(i);
                                }
                              }}
                            />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollBox>
                {overAllocated && (
                  <Alert color="red" data-testid="over-allocated">
                    {rupees(toMoney(allocated))} allocated is more than the amount {rupees(toMoney(total))}: reduce an allocation.
                  </Alert>
                )}
                {errors.allocations && <Alert color="red">{errors.allocations}</Alert>}
              </>
            )}
          </Stack>
        </Paper>
      )}

      <Textarea
        ref={notesRef}
        label="Narration"
        autosize
        minRows={2}
        maxLength={2000}
        value={notes}
        error={errors.notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      <FormAlert error={refusal} title="Not saved" testId="voucher-refusal" />
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => {
            setLeaving(true);
            router.push(voucherPaths.list(def.type));
          }}
        >
          Discard
        </Button>
        <Button type="submit" loading={busy} disabled={overAllocated} title="Ctrl+Enter">
          Save {def.label.toLowerCase()}
        </Button>
      </Group>
    </VoucherEntryForm>
  );
}
