'use client';

import { Alert, Anchor, Button, Grid, Group, Paper, Text, Textarea, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  dec,
  draftNote,
  isDecimalString,
  nextNumberSchema,
  voucherCreateSchema,
  voucherPageSchema,
  voucherSchema,
  ZERO,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { idempotencyKeys } from '../../lib/idempotency';
import { CodeSelect } from '@/features/common/code-select';
import { DateField } from '@/features/common/date-field';
import { FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { LoadingState } from '@/features/common/states';
import { useSubmit } from '@/features/common/use-form-submit';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { api, errorMessage } from '@/lib/api-client';
import { formatDate, todayInIndia } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useVoucherTypes } from '@/lib/voucher-types';
import { partyNoun, voucherPaths } from './paths';
import { RemoteSelect } from './remote-select';
import { VoucherTotalsPanel } from './voucher-totals';
import { postNewVoucher, VoucherEntryForm } from './voucher-entry';

type Original = z.output<typeof voucherSchema>;
type OriginalSummary = z.output<typeof voucherPageSchema>['items'][number];

/** The quantity as typed, without trailing zeros ("2.000" -> "2"). */
const trimmed = (q: string) => q.replace(/\.?0+$/, '') || '0';

interface NoteLineDraft {
  /** Quantity returned: the original's to start with, editable down to zero. */
  quantity: string;
  /** A value-only line's taxable value (used when the quantity is 0). */
  value: string;
}

/**
 * A credit or debit note: made against one invoice (`?against=<id>` from the invoice's page, or
 * picked here), its lines the invoice's with the quantities to return, editable down to zero (a
 * line at zero is left out, or is value-only with a taxable value). Rates, GST and place of
 * supply are the invoice's; the API checks what earlier notes left and says so.
 */
export function NoteForm({ def }: { def: VoucherTypeDefinition }) {
  const router = useRouter();
  const org = useOrganization();
  const types = useVoucherTypes();
  const originalDef = types.find((t) => t.type === def.against!.types[0]) ?? null;
  const againstId = useSearchParams().get('against');
  const noun = partyNoun(def);
  const [original, setOriginal] = useState<Original | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [date, setDate] = useState(todayInIndia());
  const [reason, setReason] = useState<string>(def.headerFields.find((f) => f.name === 'reason')?.options?.[0]?.value ?? '');
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<NoteLineDraft[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const [nextNumber, setNextNumber] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const keys = useRef(idempotencyKeys());
  useLeaveGuard(!leaving && original !== null);

  const pick = (id: string | null) => {
    setOriginal(null);
    setLines([]);
    setLoadError(null);
    if (!id || !originalDef) return;
    api
      .get(`/vouchers/${originalDef.type}/${id}`, voucherSchema)
      .then((v) => {
        setOriginal(v);
        setLines(v.items.map((l) => ({ quantity: trimmed(l.quantity), value: '' })));
      })
      .catch((err) => setLoadError(errorMessage(err)));
  };
  useEffect(() => {
    // Once, when the invoice named by `?against=` and its type are known.
    if (againstId && originalDef) pick(againstId);
  }, [againstId, originalDef?.type]);

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

  /** The lines sent: those with a quantity, and value-only ones (quantity 0 with a value). */
  const requested = useMemo(
    (): { row: number; against_line_id: string; quantity: string; taxable_value?: string }[] =>
      original
        ? original.items.flatMap((l, i) => {
            const q = lines[i]?.quantity.trim() ?? '';
            const v = lines[i]?.value.trim() ?? '';
            if (isDecimalString(q) && dec(q).gt(ZERO)) return [{ row: i, against_line_id: l.id, quantity: q }];
            if (v !== '') return [{ row: i, against_line_id: l.id, quantity: '0', taxable_value: v }];
            return [];
          })
        : [],
    [original, lines],
  );

  // Live totals with the note's own arithmetic (earlier notes are the API's to count).
  const live = useMemo(() => {
    if (!original) return null;
    const drafted = draftNote({
      originalNumber: original.voucher_number,
      originalLines: original.items.map((l) => ({
        id: l.id,
        lineNo: l.line_no,
        productId: l.product_id,
        quantity: l.quantity,
        unitPrice: l.unit_price,
        discountPercentage: l.discount_percentage,
        gstRate: l.gst_rate,
        isGstInclusive: l.is_gst_inclusive,
        discountAmount: l.discount_amount,
        taxableAmount: l.taxable_amount,
        cgstAmount: l.cgst_amount,
        sgstAmount: l.sgst_amount,
        igstAmount: l.igst_amount,
      })),
      notedSoFar: new Map(),
      requests: requested
        .filter((r) => isDecimalString(r.quantity) && (r.taxable_value === undefined || isDecimalString(r.taxable_value)))
        .map((r) => ({ againstLineId: r.against_line_id, quantity: r.quantity, taxableValue: r.taxable_value })),
      isInterState: original.is_inter_state,
    });
    return drafted.ok ? drafted : null;
  }, [original, requested]);

  const setLine = (i: number, patch: Partial<NoteLineDraft>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('items'))));
  };

  const submit = () => {
    const body: Record<string, unknown> = {
      against_voucher_id: original?.id ?? '',
      date,
      reason: reason || null,
      reference,
      notes,
      items: requested.map(({ row: _row, ...wire }) => wire),
    };
    // Line errors name the lines sent; shown on the invoice's rows.
    const remap = (errs: FieldErrors): FieldErrors => {
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(errs)) {
        const m = /^items\.(\d+)\.(.+)$/.exec(k);
        out[m ? `items.${requested[Number(m[1])]?.row ?? m[1]}.${m[2]}` : k] = v;
      }
      return out;
    };
    const checked = validateWith(voucherCreateSchema(def), body);
    void run(
      async () => {
        const saved = await postNewVoucher(def.type, body, keys.current);
        setLeaving(true);
        router.push(`${voucherPaths.view(def.type, saved.id)}?created=1`);
      },
      checked.ok ? null : { errors: remap(checked.errors), message: 'Please correct the highlighted fields.' },
      remap,
    );
  };

  const reasonSpec = def.headerFields.find((f) => f.name === 'reason');
  return (
    <VoucherEntryForm def={def} nextNumber={nextNumber} onSubmit={submit}>
      <Paper withBorder p="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <RemoteSelect<OriginalSummary>
              label={`Against ${originalDef?.label.toLowerCase() ?? 'invoice'}`}
              required
              placeholder="Search by number or party"
              load={(search) =>
                api
                  .get(`/vouchers/${def.against!.types[0]}`, voucherPageSchema, {
                    search: search || undefined,
                    status: 'active',
                    limit: 30,
                  })
                  .then((p) => p.items)
              }
              idOf={(v) => v.id}
              labelOf={(v) => `${v.voucher_number} · ${v.party?.name ?? ''} · ₹${amount(v.grand_total)}`}
              value={original}
              onChange={(v) => {
                pick(v?.id ?? null);
                setErrors(({ against_voucher_id: _d, ...rest }) => rest);
              }}
              error={errors.against_voucher_id}
            />
            {original && (
              <Text size="xs" c="dimmed" mt={4} data-testid="note-original">
                {noun}: {original.party?.name} · dated {formatDate(original.date, org.dateFormat)} · place of supply{' '}
                {original.place_of_supply}
                {original.is_inter_state ? ' (IGST)' : ' (CGST + SGST)'}
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <DateField label="Date" required format={org.dateFormat} value={date} error={errors.date} onChange={setDate} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <CodeSelect
              label="Reason"
              noun="reason"
              required
              data={(reasonSpec?.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
              value={reason || null}
              error={errors.reason}
              onChange={(v) => setReason(v ?? '')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
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
      {loadError && <Alert color="red">Could not read the invoice: {loadError}</Alert>}
      {!original && againstId && !loadError && <LoadingState label="Loading the invoice…" />}
      {errors.items && <Alert color="red">Lines: {errors.items}</Alert>}
      {original && (
        <Paper withBorder p={0} style={{ overflowX: 'auto' }}>
          <Table miw={760} aria-label="Lines of the invoice">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Invoiced</Table.Th>
                <Table.Th ta="right">Rate (₹)</Table.Th>
                <Table.Th ta="right">GST %</Table.Th>
                <Table.Th w={140}>Quantity</Table.Th>
                <Table.Th w={170}>Or value only (₹)</Table.Th>
                <Table.Th ta="right">Taxable (₹)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {original.items.map((l, i) => {
                const liveLine = live?.lines.find((n) => n.againstLineId === l.id);
                const zero = !isDecimalString(lines[i]?.quantity.trim() ?? '') || dec(lines[i]!.quantity.trim()).eq(ZERO);
                return (
                  <Table.Tr key={l.id} data-testid={`note-line-${l.line_no}`}>
                    <Table.Td>{l.line_no}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{l.product_name}</Text>
                      {l.hsn_code && (
                        <Text size="xs" c="dimmed">
                          HSN {l.hsn_code}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {trimmed(l.quantity)} {l.unit}
                    </Table.Td>
                    <Table.Td ta="right">{amount(l.unit_price)}</Table.Td>
                    <Table.Td ta="right">{trimmed(l.gst_rate)}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Quantity to return, line ${l.line_no}`}
                        inputMode="decimal"
                        value={lines[i]?.quantity ?? ''}
                        error={errors[`items.${i}.quantity`]}
                        onChange={(e) => setLine(i, { quantity: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Taxable value only, line ${l.line_no}`}
                        inputMode="decimal"
                        placeholder={zero ? 'e.g. a discount' : '—'}
                        disabled={!zero}
                        value={lines[i]?.value ?? ''}
                        error={errors[`items.${i}.taxable_value`] ?? errors[`items.${i}.against_line_id`]}
                        onChange={(e) => setLine(i, { value: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {liveLine ? amount(liveLine.taxableAmount) : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            value={notes}
            error={errors.notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {live && original && (
            <VoucherTotalsPanel
              totals={live.amounts.totals}
              supply={{
                // An invoice (a note's original) always has its GST supply.
                supplierStateCode: original.supplier_state_code ?? '',
                placeOfSupply: original.place_of_supply ?? '',
                isInterState: original.is_inter_state,
              }}
              incompleteLines={0}
            />
          )}
        </Grid.Col>
      </Grid>
      <FormAlert error={refusal} title="Not saved" testId="voucher-refusal" />
      <Group justify="flex-end">
        {original && originalDef && (
          <Anchor component={Link} href={voucherPaths.view(originalDef.type, original.id)} size="sm">
            Back to {original.voucher_number}
          </Anchor>
        )}
        <Button type="submit" loading={busy} disabled={!original}>
          Save {def.label.toLowerCase()}
        </Button>
      </Group>
    </VoucherEntryForm>
  );
}
