'use client';

import { ActionIcon, Alert, Button, Grid, Group, Paper, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { Table } from '@/features/common/table';
import { dec, isDecimalString, nextNumberSchema, toMoney, voucherCreateSchema, ZERO, type VoucherTypeDefinition } from '@tritiq/contracts';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { DateField } from '@/features/common/date-field';
import { ScrollBox } from '@/features/common/scroll-table';
import { api } from '@/lib/api-client';
import { todayInIndia } from '@/lib/dates';
import { rupees } from '@/lib/format';
import { idempotencyKeys } from '@/lib/idempotency';
import { useOrganization } from '@/lib/organization';
import { LedgerSelect, type Ledger } from './ledger-select';
import { voucherPaths } from './paths';
import { postNewVoucher, VoucherEntryForm } from './voucher-entry';

interface Line {
  key: string;
  ledger: Ledger | null;
  debit: string;
  credit: string;
  narration: string;
}

let seq = 0;
const emptyLine = (): Line => ({ key: `l${++seq}`, ledger: null, debit: '', credit: '', narration: '' });

function money(text: string): ReturnType<typeof dec> | null {
  const t = text.trim();
  return t !== '' && isDecimalString(t) && !/\.\d{3,}$/.test(t) ? dec(t) : null;
}

function isBlank(l: Line): boolean {
  return !l.ledger && l.debit.trim() === '' && l.credit.trim() === '' && l.narration.trim() === '';
}

/**
 * A contra or journal voucher: ledger lines, each a debit or a credit, with the totals and their
 * difference shown as they are typed; it is not saved until the debits equal the credits. Enter in
 * an amount adds a line (carrying the difference to the side that balances); Ctrl+Enter saves.
 */
export function LedgerLinesForm({ def }: { def: VoucherTypeDefinition }) {
  const router = useRouter();
  const org = useOrganization();
  const cashBankOnly = def.posting?.kind === 'ledger_lines' && (def.posting.ledgerGroups?.length ?? 0) > 0;
  const [date, setDate] = useState(todayInIndia());
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<Line[]>(() => [emptyLine(), emptyLine()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const [nextNumber, setNextNumber] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const keys = useRef(idempotencyKeys());

  useLeaveGuard(!leaving && (lines.some((l) => !isBlank(l)) || notes !== '' || reference !== ''));

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
    if (!focusKey) return;
    document.querySelector<HTMLInputElement>(`[data-line-key="${focusKey}"] input[data-field="ledger"]`)?.focus();
    setFocusKey(null);
  }, [focusKey, lines]);

  const debit = lines.reduce((s, l) => s.plus(money(l.debit) ?? ZERO), ZERO);
  const credit = lines.reduce((s, l) => s.plus(money(l.credit) ?? ZERO), ZERO);
  const difference = debit.minus(credit);
  const balanced = difference.eq(ZERO) && debit.gt(ZERO);

  const clearLines = () => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('lines'))));
  const change = (key: string, patch: Partial<Line>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    clearLines();
  };
  const addLine = (afterKey?: string) => {
    const line = emptyLine();
    // The new line carries the difference to the side that balances the voucher.
    if (!difference.eq(ZERO)) {
      if (difference.gt(ZERO)) line.credit = toMoney(difference);
      else line.debit = toMoney(difference.abs());
    }
    setLines((ls) => {
      const at = afterKey ? ls.findIndex((l) => l.key === afterKey) + 1 : ls.length;
      return [...ls.slice(0, at), line, ...ls.slice(at)];
    });
    setFocusKey(line.key);
  };
  const removeLine = (key: string) => {
    setLines((ls) => (ls.length > 2 ? ls.filter((l) => l.key !== key) : ls));
    clearLines();
  };

  const lineProblem = (l: Line): string | null => {
    const d = l.debit.trim();
    const c = l.credit.trim();
    if (d !== '' && c !== '') return 'A line is a debit or a credit, not both';
    const text = d || c;
    if (text !== '' && (!money(text) || money(text)!.lte(ZERO))) return 'Enter an amount in rupees (two decimals at most)';
    return null;
  };

  const submit = () => {
    const used = lines.filter((l) => !isBlank(l));
    const wire = used.map((l) => ({
      ledger_id: l.ledger?.id ?? '',
      side: l.debit.trim() !== '' ? 'debit' : 'credit',
      amount: (l.debit.trim() || l.credit.trim()) === '' ? '' : l.debit.trim() || l.credit.trim(),
      narration: l.narration,
    }));
    const body = { date, reference, notes, lines: wire };
    const remap = (errs: FieldErrors): FieldErrors => {
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(errs)) {
        const m = /^lines\.(\d+)\.(.+)$/.exec(k);
        if (m && used[Number(m[1])]) out[`line.${used[Number(m[1])]!.key}.${m[2] === 'ledger_id' ? 'ledger' : 'amount'}`] = v;
        else out[k] = v;
      }
      return out;
    };
    const problems = used.some((l) => lineProblem(l) !== null);
    const checked = validateWith(voucherCreateSchema(def), body);
    const invalid = problems
      ? { errors: {}, message: 'Please correct the marked lines.' }
      : !balanced
        ? {
            errors: checked.ok ? {} : checked.errors,
            message:
              debit.eq(ZERO) || credit.eq(ZERO)
                ? 'Not balanced: a voucher needs a debit line and a credit line.'
                : `Not balanced: debits ${rupees(toMoney(debit))}, credits ${rupees(toMoney(credit))}, a difference of ${rupees(toMoney(difference.abs()))}.`,
          }
        : !checked.ok
          ? { errors: checked.errors, message: 'Please correct the highlighted fields.' }
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
            <TextInput
              label="Reference"
              maxLength={100}
              value={reference}
              error={errors.reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
      </Paper>
      <ScrollBox inputs>
        <Table verticalSpacing={4} miw={760} aria-label="Ledger lines" data-testid="ledger-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>Ledger</Table.Th>
              <Table.Th w={150} ta="right">
                Debit (₹)
              </Table.Th>
              <Table.Th w={150} ta="right">
                Credit (₹)
              </Table.Th>
              <Table.Th>Line narration</Table.Th>
              <Table.Th w={40}>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const problem = lineProblem(l) ?? errors[`line.${l.key}.amount`];
              const amountKeys = (e: KeyboardEvent<HTMLInputElement>) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  addLine(l.key);
                }
              };
              return (
                <Table.Tr key={l.key} data-line-key={l.key} data-testid={`ledger-line-${i + 1}`}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <LedgerSelect
                      aria-label={`Line ${i + 1} ledger`}
                      autoFocus={i === 0}
                      data-field="ledger"
                      size="xs"
                      kind={cashBankOnly ? 'cash_bank' : 'all'}
                      placeholder={cashBankOnly ? 'Cash or bank ledger' : 'Search ledgers'}
                      value={l.ledger}
                      onChange={(ledger) => change(l.key, { ledger })}
                      error={errors[`line.${l.key}.ledger`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} debit`}
                      size="xs"
                      inputMode="decimal"
                      styles={{ input: { textAlign: 'right' } }}
                      value={l.debit}
                      error={problem ? ' ' : undefined}
                      onChange={(e) => change(l.key, { debit: e.currentTarget.value })}
                      onKeyDown={amountKeys}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} credit`}
                      size="xs"
                      inputMode="decimal"
                      styles={{ input: { textAlign: 'right' } }}
                      value={l.credit}
                      error={problem ?? undefined}
                      onChange={(e) => change(l.key, { credit: e.currentTarget.value })}
                      onKeyDown={amountKeys}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${i + 1} narration`}
                      size="xs"
                      maxLength={200}
                      value={l.narration}
                      onChange={(e) => change(l.key, { narration: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove line ${i + 1}`}
                      disabled={lines.length <= 2}
                      onClick={() => removeLine(l.key)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2} ta="right">
                Total
              </Table.Th>
              <Table.Th ta="right" data-testid="total-debit">
                {rupees(toMoney(debit))}
              </Table.Th>
              <Table.Th ta="right" data-testid="total-credit">
                {rupees(toMoney(credit))}
              </Table.Th>
              <Table.Th colSpan={2} />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </ScrollBox>
      <Group justify="space-between" wrap="wrap">
        <Button variant="light" onClick={() => addLine()}>
          Add line
        </Button>
        <Text fw={600} c={balanced ? 'teal.9' : 'red.9'} data-testid="difference" aria-live="polite">
          {balanced
            ? 'Balanced'
            : `Difference ${rupees(toMoney(difference.abs()))}${difference.eq(ZERO) ? '' : difference.gt(ZERO) ? ' (debits are more)' : ' (credits are more)'}`}
        </Text>
      </Group>
      {errors.lines && <Alert color="red">{errors.lines}</Alert>}
      <Textarea
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
        <Button type="submit" loading={busy} title="Ctrl+Enter">
          Save {def.label.toLowerCase()}
        </Button>
      </Group>
    </VoucherEntryForm>
  );
}
