'use client';

import { Alert, Badge, Button, Checkbox, Grid, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  nextNumberSchema,
  partyFieldOf,
  partyPageSchema,
  voucherCreateSchema,
  voucherSchema,
  type HeaderFieldSpec,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { idempotencyKeys } from '../../lib/idempotency';
import { FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api, apiRequest } from '@/lib/api-client';
import { useOrganization } from '@/lib/organization';
import { STATE_OPTIONS, stateLabel } from '@/lib/gst';
import { DateField } from './date-field';
import { todayInIndia } from '@/lib/dates';
import { partyNoun, voucherPaths } from './paths';
import { RemoteSelect } from './remote-select';
import { computeLiveTotals, emptyLine, lineToWire, type LineDraft } from './voucher-math';
import { VoucherLines } from './voucher-lines';
import { VoucherTotalsPanel } from './voucher-totals';
import { useVoucherType } from '@/lib/voucher-types';
import { UnknownType } from './unknown-type';

type Party = z.output<typeof partyPageSchema>['items'][number];

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
        const saved = await apiRequest(`/vouchers/${def.type}`, {
          method: 'POST',
          body,
          schema: voucherSchema,
          headers: { 'idempotency-key': keys.current.keyFor(body) },
        });
        router.push(`${voucherPaths.view(def.type, saved.id)}?created=1`);
      },
      checked.ok ? null : { errors: checked.errors, message: 'Please correct the highlighted fields.' },
      remap,
    );
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        // Enter never posts a voucher by accident: Ctrl+Enter saves; in a line, Enter adds a line.
        if (e.key !== 'Enter' || (e.target as HTMLElement).tagName !== 'INPUT') return;
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) submit();
      }}
      noValidate
      aria-label={`New ${def.label.toLowerCase()}`}
    >
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2}>New {def.label.toLowerCase()}</Title>
          {nextNumber && (
            <Badge variant="light" size="lg" title="The number is given when the voucher is saved">
              Next number: {nextNumber}
            </Badge>
          )}
        </Group>
        {org.error && <Alert color="red">Could not read the organisation&apos;s settings: {org.error}</Alert>}
        <Paper withBorder p="md">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <RemoteSelect<Party>
                label={noun}
                required
                placeholder={`Search ${noun.toLowerCase()}s`}
                data-autofocus
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
        <FormAlert error={refusal} title="Not saved" testId="voucher-refusal" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => router.push(voucherPaths.list(def.type))}>
            Discard
          </Button>
          <Button type="submit" loading={busy}>
            Save {def.label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
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
        <Select
          label={spec.label}
          placeholder={placeholder}
          data={STATE_OPTIONS}
          searchable
          clearable={!spec.required}
          required={spec.required}
          value={value || null}
          error={error}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'choice':
      return (
        <Select
          label={spec.label}
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

/** The `vouchers/[type]/new` route. */
export function VoucherCreateRoute({ type }: { type: string }) {
  const def = useVoucherType(type);
  return def ? <VoucherForm key={def.type} def={def} /> : <UnknownType type={type} />;
}
