'use client';

import { Alert, Button, Checkbox, Grid, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  dec,
  isDecimalString,
  isReturnType,
  lastRatesSchema,
  nextNumberSchema,
  partySchema,
  partyFieldOf,
  voucherCreateSchema,
  voucherSchema,
  type HeaderFieldSpec,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import dynamic from 'next/dynamic';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { idempotencyKeys } from '../../lib/idempotency';
import { LoadingState } from '@/features/common/states';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';
import { useOrganization } from '@/lib/organization';
import { useCurrentUser } from '@/lib/session';
import { CodeSelect } from '@/features/common/code-select';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { formatDateTime } from '@/lib/format';
import { clearDraft, readDraft, writeDraft, type StoredDraft } from './voucher-draft';
import { STATE_OPTIONS, stateLabel } from '@/lib/gst';
import { DateField } from '@/features/common/date-field';
import { todayInIndia } from '@/lib/dates';
import { partyNoun } from './paths';
import { PartyPicker, type VoucherParty } from './party-picker';
import { computeLiveTotals, emptyLine, lineToWire, type LineDraft } from './voucher-math';
import { VoucherLines, type LastRate } from './voucher-lines';
import { VoucherTotalsPanel } from './voucher-totals';
import { useVoucherType } from '@/lib/voucher-types';
import { UnknownType } from './unknown-type';
import { NoteForm } from './note-form';
import { postAndOpen, VoucherEntryFooter, VoucherEntryForm } from './voucher-entry';

type Party = VoucherParty;

/** Receipts and payments, contra and journal have their own entry screens, loaded only on their pages. */
const MoneyVoucherForm = dynamic(() => import('./money-voucher-form').then((m) => m.MoneyVoucherForm), {
  ssr: false,
  loading: () => <LoadingState />,
});
const LedgerLinesForm = dynamic(() => import('./ledger-lines-form').then((m) => m.LedgerLinesForm), {
  ssr: false,
  loading: () => <LoadingState />,
});

/** The party dialog, loaded only when "Create “…”" is chosen in the party picker. */
const PartyForm = dynamic(() => import('@/features/masters/party-form').then((m) => m.PartyForm), { ssr: false });

/** Focuses the first field the refusal marked, in the order they are on screen. */
function focusFirstError(form: HTMLFormElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
}

/** The lines whose quantity is more than is on hand (a type that takes stock out warns before saving). */
function beyondStock(lines: readonly LineDraft[]): { line: number; name: string; onHand: string; unit: string }[] {
  return lines.flatMap((l, i) =>
    l.productId && l.onHand != null && isDecimalString(l.quantity.trim()) && dec(l.quantity.trim()).gt(dec(l.onHand))
      ? [{ line: i + 1, name: l.productName, onHand: l.onHand, unit: l.unit }]
      : [],
  );
}

interface Header {
  date: string;
  notes: string;
  sendEmail: boolean;
  /** The type's own header fields, by name ("" when empty). */
  fields: Record<string, string>;
}

/** A header field on the wire: empty dates, choices and state codes are null; texts go as typed. */
function fieldToWire(spec: HeaderFieldSpec, value: string): string | null {
  if (spec.kind === 'text') return value;
  return value.trim() === '' ? null : value;
}

const WIDE: readonly HeaderFieldSpec['kind'][] = ['text', 'state_code', 'ledger'];

function isBlank(line: LineDraft): boolean {
  return !line.productId && line.unitPrice.trim() === '';
}

/** Create a voucher of one type: the same component serves every type, its header fields from the definition. */
export function VoucherForm({ def }: { def: VoucherTypeDefinition }) {
  const router = useRouter();
  const org = useOrganization();
  const user = useCurrentUser();
  const copyFrom = useSearchParams().get('copy');
  const formRef = useRef<HTMLFormElement>(null);
  const noun = partyNoun(def);
  const [party, setParty] = useState<Party | null>(null);
  const partyField = partyFieldOf(def) ?? 'party_id';
  const [header, setHeader] = useState<Header>(() => ({
    date: todayInIndia(),
    notes: '',
    sendEmail: false,
    fields: Object.fromEntries(def.headerFields.map((f) => [f.name, ''])),
  }));
  const placeOfSupply = header.fields.place_of_supply || null;
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  // A resubmission of the same voucher after a lost answer must not post it twice.
  const keys = useRef(idempotencyKeys());
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const [nextNumber, setNextNumber] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [errorFocus, setErrorFocus] = useState(0);
  const [stockWarned, setStockWarned] = useState<string | null>(null);
  const [lastRates, setLastRates] = useState<ReadonlyMap<string, LastRate>>(new Map());
  const [creating, setCreating] = useState<string | null>(null);
  const [offered, setOffered] = useState<StoredDraft | null>(null);
  const [leaving, setLeaving] = useState(false);
  const initialHeader = useRef(header);

  const dirty =
    !leaving &&
    (party !== null ||
      lines.some((l) => !isBlank(l)) ||
      header.notes !== '' ||
      Object.values(header.fields).some((v) => v !== '') ||
      header.date !== initialHeader.current.date);
  useLeaveGuard(dirty);

  // A voucher left unsaved (navigation, a closed tab, a crash) is offered back next time.
  useEffect(() => {
    if (!copyFrom) setOffered(readDraft(user.id, def.type));
  }, [user.id, def.type, copyFrom]);
  // Written 300 ms after the last change; what is still waiting when the form goes away (a link
  // followed after the leave question, a closed tab) is written at once, so the last keystrokes
  // are in the draft too.
  const pendingDraft = useRef<StoredDraft | null>(null);
  useEffect(() => {
    if (!dirty) {
      pendingDraft.current = null;
      return;
    }
    const draft: StoredDraft = {
      savedAt: new Date().toISOString(),
      party: party ? { id: party.id, name: party.name, state_code: party.state_code } : null,
      header,
      lines,
    };
    pendingDraft.current = draft;
    const timer = setTimeout(() => {
      pendingDraft.current = null;
      writeDraft(user.id, def.type, draft);
    }, 300);
    return () => clearTimeout(timer);
  }, [dirty, party, header, lines, user.id, def.type]);
  useEffect(() => {
    const flush = () => {
      const draft = pendingDraft.current;
      pendingDraft.current = null;
      if (draft) writeDraft(user.id, def.type, draft);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [user.id, def.type]);
  /** Saved or discarded: no draft, and none waiting to be written. */
  const dropDraft = () => {
    pendingDraft.current = null;
    clearDraft(user.id, def.type);
  };
  const restoreDraft = (draft: StoredDraft) => {
    setHeader({ ...draft.header, fields: { ...header.fields, ...draft.header.fields } });
    setLines(draft.lines.length ? draft.lines : [emptyLine()]);
    if (draft.party) {
      api
        .get(`/${def.party?.kind ?? 'customer'}s/${draft.party.id}`, partySchema)
        .then((p) => setParty(p))
        .catch(() => setParty(null));
    }
    setOffered(null);
  };

  // "Copy as new": the party, header fields and lines of an earlier voucher, dated today.
  useEffect(() => {
    if (!copyFrom) return;
    let live = true;
    api
      .get(`/vouchers/${def.type}/${copyFrom}`, voucherSchema)
      .then(async (v) => {
        const partyRow = def.party && v.party ? await api.get(`/${def.party.kind}s/${v.party.id}`, partySchema).catch(() => null) : null;
        if (!live) return;
        setParty(partyRow);
        const wire = v as unknown as Record<string, unknown>;
        setHeader((h) => ({
          ...h,
          notes: v.notes ?? '',
          fields: Object.fromEntries(
            def.headerFields.map((f) => [f.name, typeof wire[f.name] === 'string' ? (wire[f.name] as string) : '']),
          ),
        }));
        setLines(
          v.items.map((l) => ({
            ...emptyLine(),
            productId: l.product_id,
            productName: l.product_name,
            hsnCode: l.hsn_code,
            unit: l.unit,
            quantity: l.quantity.replace(/\.?0+$/, ''),
            unitPrice: l.unit_price,
            discountPercentage: l.discount_flat ? '0' : l.discount_percentage.replace(/\.?0+$/, '') || '0',
            discountKind: l.discount_flat ? 'amount' : 'percent',
            discountAmount: l.discount_flat ? l.discount_amount : '',
            gstRate: l.gst_rate.replace(/\.?0+$/, '') || '0',
            isGstInclusive: l.is_gst_inclusive,
          })),
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [copyFrom, def]);

  useEffect(() => {
    if (errorFocus > 0) focusFirstError(formRef.current);
  }, [errorFocus]);

  // The rate each product was last billed at to this party (shown in the picker and under the line).
  const loadLastRates = (productIds: string[]) => {
    if (!party || productIds.length === 0 || def.lines !== 'items') return;
    const wanted = productIds.filter((id) => !lastRates.has(id)).slice(0, 50);
    if (wanted.length === 0) return;
    api
      .get(`/vouchers/${def.type}/last-rates`, lastRatesSchema, { party_id: party.id, product_ids: wanted.join(',') })
      .then((r) =>
        setLastRates((m) => {
          const next = new Map(m);
          for (const item of r.items) next.set(item.product_id, item);
          return next;
        }),
      )
      .catch(() => undefined);
  };
  const chosenProducts = [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))].join(',');
  useEffect(() => {
    setLastRates(new Map());
    if (!party || !chosenProducts || def.lines !== 'items') return;
    let live = true;
    api
      .get(`/vouchers/${def.type}/last-rates`, lastRatesSchema, {
        party_id: party.id,
        product_ids: chosenProducts.split(',').slice(0, 50).join(','),
      })
      .then((r) => live && setLastRates(new Map(r.items.map((i) => [i.product_id, i]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // Refetched when the party changes; products picked later are fetched as the picker shows them.
  }, [party?.id, def.type]);

  useEffect(() => {
    let live = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(header.date)) return;
    api
      .get(`/vouchers/${def.type}/next-number`, nextNumberSchema, { date: header.date })
      .then((n) => live && setNextNumber(n.voucher_number))
      .catch(() => live && setNextNumber(null));
    return () => {
      live = false;
    };
  }, [def.type, header.date]);

  useEffect(() => {
    if (!focusKey) return;
    const input = document.querySelector<HTMLInputElement>(`[data-line-key="${focusKey}"] input[data-field="product"]`);
    input?.focus();
    setFocusKey(null);
  }, [focusKey, lines]);

  const live = useMemo(
    () =>
      computeLiveTotals(lines, {
        def,
        organizationStateCode: org.profile?.state_code ?? null,
        partyStateCode: party?.state_code ?? null,
        placeOfSupply,
      }),
    [lines, def, org.profile?.state_code, party?.state_code, placeOfSupply],
  );

  const setH = <K extends keyof Header>(k: K, v: Header[K]) => {
    setHeader((h) => ({ ...h, [k]: v }));
    setErrors(({ [k]: _d, ...rest }) => rest);
  };
  const setField = (name: string, value: string) => {
    setHeader((h) => ({ ...h, fields: { ...h.fields, [name]: value } }));
    setErrors(({ [name]: _d, ...rest }) => rest);
  };

  const changeLine = (key: string, patch: Partial<LineDraft>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('items'))));
  };
  const addLine = (afterKey?: string) => {
    const line = emptyLine();
    setLines((ls) => {
      const at = afterKey ? ls.findIndex((l) => l.key === afterKey) + 1 : ls.length;
      return [...ls.slice(0, at), line, ...ls.slice(at)];
    });
    setFocusKey(line.key);
  };
  const removeLine = (key: string) => setLines((ls) => (ls.length > 1 ? ls.filter((l) => l.key !== key) : ls));

  const submit = () => {
    const used = lines.filter((l) => !isBlank(l));
    const short = def.stockDirection === 'out' ? beyondStock(lines) : [];
    const shortKey = short.map((s) => `${s.line}:${s.onHand}`).join(',');
    if (short.length > 0 && stockWarned !== shortKey) {
      setStockWarned(shortKey);
      return;
    }
    const body: Record<string, unknown> = {
      [partyField]: party?.id ?? '',
      date: header.date,
      notes: header.notes,
      send_email: header.sendEmail,
      items: used.map(lineToWire),
    };
    for (const spec of def.headerFields) body[spec.name] = fieldToWire(spec, header.fields[spec.name] ?? '');

    // Line errors are reported against the lines sent; map them back to the rows on screen.
    const remap = (errs: FieldErrors): FieldErrors => {
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(errs)) {
        const m = /^items\.(\d+)\.(.+)$/.exec(k);
        if (m) {
          const row = lines.indexOf(used[Number(m[1])]!);
          out[`items.${row}.${m[2]}`] = v;
        } else out[k === partyField ? 'party' : k] = v;
      }
      return out;
    };
    const checked = validateWith(voucherCreateSchema(def), body);
    void run(
      async () => {
        await postAndOpen(router, def.type, body, keys.current, () => {
          setLeaving(true);
          dropDraft();
        });
      },
      checked.ok ? null : { errors: checked.errors, message: 'Please correct the highlighted fields.' },
      remap,
    ).then(() => setErrorFocus((n) => n + 1));
  };
  const short = def.stockDirection === 'out' ? beyondStock(lines) : [];
  const shortKey = short.map((s) => `${s.line}:${s.onHand}`).join(',');

  return (
    <VoucherEntryForm def={def} nextNumber={nextNumber} onSubmit={submit} formRef={formRef}>
      {org.error && <Alert color="red">Could not read the organisation&apos;s settings: {org.error}</Alert>}
      {offered && (
        <Alert color="blue" title="Unsaved voucher" data-testid="draft-offer">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              A {def.label.toLowerCase()} you started ({formatDateTime(offered.savedAt, org.dateFormat)}
              {offered.party ? `, ${offered.party.name}` : ''}) was not saved.
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => restoreDraft(offered)}>
                Restore it
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  clearDraft(user.id, def.type);
                  setOffered(null);
                }}
              >
                Discard it
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <PartyPicker
              def={def}
              autoFocus
              onCreate={(text) => setCreating(text)}
              value={party}
              onChange={(p) => {
                setParty(p);
                setErrors(({ party: _d, ...rest }) => rest);
              }}
              error={errors.party}
            />
            {party && (
              <Text size="xs" c="dimmed" mt={4} data-testid="party-info">
                {[party.gstin ? `GSTIN ${party.gstin}` : 'Unregistered', stateLabel(party.state_code), party.email]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <DateField
              label="Date"
              required
              format={org.dateFormat}
              value={header.date}
              error={errors.date}
              onChange={(v) => setH('date', v)}
            />
          </Grid.Col>
          {def.headerFields.map((spec) => (
            <Grid.Col key={spec.name} span={WIDE.includes(spec.kind) ? { base: 12, sm: 6 } : { base: 6, sm: 3 }}>
              <HeaderField
                spec={spec}
                value={header.fields[spec.name] ?? ''}
                error={errors[spec.name]}
                dateFormat={org.dateFormat}
                placeholder={
                  spec.kind === 'state_code'
                    ? party?.state_code
                      ? `${noun}'s state: ${stateLabel(party.state_code)}`
                      : 'Our own state'
                    : undefined
                }
                onChange={(v) => setField(spec.name, v)}
              />
            </Grid.Col>
          ))}
        </Grid>
      </Paper>
      {errors.items && <Alert color="red">Lines: {errors.items}</Alert>}
      <VoucherLines
        lines={lines}
        defaultPrice={def.defaultPrice ?? 'sale'}
        lastRates={lastRates}
        onProductsShown={(ids) => loadLastRates(ids)}
        dateFormat={org.dateFormat}
        amounts={live.lines}
        interState={live.supply?.isInterState ?? false}
        errors={errors}
        onChange={changeLine}
        onAdd={addLine}
        onRemove={removeLine}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <Textarea
              label="Notes"
              autosize
              minRows={2}
              value={header.notes}
              error={errors.notes}
              onChange={(e) => setH('notes', e.currentTarget.value)}
            />
            <Checkbox
              label={`Email the voucher to the ${noun.toLowerCase()} when saved`}
              checked={header.sendEmail}
              onChange={(e) => setH('sendEmail', e.currentTarget.checked)}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <VoucherTotalsPanel totals={live.totals} supply={live.supply} incompleteLines={live.incompleteLines} />
        </Grid.Col>
      </Grid>
      {short.length > 0 && (
        <Alert color="orange" title="More than is on hand" data-testid="stock-warning">
          {short.map((s) => `Line ${s.line}: ${s.name} has ${s.onHand.replace(/\.?0+$/, '') || '0'} ${s.unit} on hand`).join('; ')}.
          {stockWarned === shortKey ? ' Save again to post it anyway.' : ' Saving will ask again.'}
        </Alert>
      )}
      <VoucherEntryFooter
        def={def}
        refusal={refusal}
        busy={busy}
        onDiscard={() => {
          setLeaving(true);
          dropDraft();
        }}
      />
      {creating !== null && def.party && (
        <PartyForm
          kind={def.party.kind}
          party={null}
          initialName={creating}
          opened
          onClose={() => setCreating(null)}
          onSaved={(p) => {
            setCreating(null);
            setParty(p);
            setErrors(({ party: _d, ...rest }) => rest);
          }}
        />
      )}
    </VoucherEntryForm>
  );
}

/** One header field of the type's definition, as the input its kind calls for. */
function HeaderField({
  spec,
  value,
  error,
  dateFormat,
  placeholder,
  onChange,
}: {
  spec: HeaderFieldSpec;
  value: string;
  error?: string;
  dateFormat: Parameters<typeof DateField>[0]['format'];
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  switch (spec.kind) {
    case 'date':
      return (
        <DateField
          label={spec.label}
          clearable={!spec.required}
          required={spec.required}
          format={dateFormat}
          value={value}
          error={error}
          onChange={onChange}
        />
      );
    case 'state_code':
      return (
        <CodeSelect
          label={spec.label}
          noun="state"
          placeholder={placeholder}
          data={STATE_OPTIONS}
          clearable={!spec.required}
          required={spec.required}
          value={value || null}
          error={error}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'choice':
      return (
        <CodeSelect
          label={spec.label}
          noun={spec.label.toLowerCase()}
          data={(spec.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          clearable={!spec.required}
          required={spec.required}
          value={value || null}
          error={error}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    default:
      return (
        <TextInput
          label={spec.label}
          required={spec.required}
          inputMode={spec.kind === 'money' ? 'decimal' : undefined}
          maxLength={spec.maxLength}
          value={value}
          error={error}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

/** The `vouchers/[type]/new` route: a note (made against one invoice), a receipt or payment, and a contra or journal have their own forms. */
export function VoucherCreateRoute({ type }: { type: string }) {
  const def = useVoucherType(type);
  if (!def) return <UnknownType type={type} />;
  if (def.lines === 'ledger') return <LedgerLinesForm key={def.type} def={def} />;
  if (def.lines !== 'items') return <MoneyVoucherForm key={def.type} def={def} />;
  return isReturnType(def) ? <NoteForm key={def.type} def={def} /> : <VoucherForm key={def.type} def={def} />;
}
