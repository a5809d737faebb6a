'use client';

import { Alert, Badge, Button, Checkbox, Grid, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { nextNumberSchema, partyPageSchema, voucherCreateSchema, voucherSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { idempotencyKeys } from '../../lib/idempotency';
import { ApiError, apiGet, apiSend, errorMessage } from '../masters/api';
import { apiFieldErrors, validateWith, type FieldErrors } from '../masters/form-errors';
import { useOrganization } from '../masters/organization';
import { STATE_OPTIONS, stateLabel } from '../masters/states';
import { DateField } from './date-field';
import { todayInIndia } from '@/lib/dates';
import { partyNoun, voucherPaths } from './paths';
import { RemoteSelect } from './remote-select';
import { computeLiveTotals, emptyLine, lineToWire, type LineDraft } from './voucher-math';
import { VoucherLines } from './voucher-lines';
import { VoucherTotalsPanel } from './voucher-totals';

type Party = z.output<typeof partyPageSchema>['items'][number];

interface Header {
  date: string;
  placeOfSupply: string | null;
  reference: string;
  dueDate: string;
  supplierInvoiceNumber: string;
  supplierInvoiceDate: string;
  notes: string;
  sendEmail: boolean;
}

function isBlank(line: LineDraft): boolean {
  return !line.productId && line.unitPrice.trim() === '';
}

/** Create a voucher of one type: the same component serves sales and purchase. */
export function VoucherForm({ def }: { def: VoucherTypeDefinition }) {
  const router = useRouter();
  const org = useOrganization();
  const noun = partyNoun(def);
  const [party, setParty] = useState<Party | null>(null);
  const [header, setHeader] = useState<Header>(() => ({
    date: todayInIndia(),
    placeOfSupply: null,
    reference: '',
    dueDate: '',
    supplierInvoiceNumber: '',
    supplierInvoiceDate: '',
    notes: '',
    sendEmail: false,
  }));
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  // A resubmission of the same voucher after a lost answer must not post it twice.
  const keys = useRef(idempotencyKeys());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [nextNumber, setNextNumber] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const has = (f: string) => (def.extraFields as readonly string[]).includes(f);

  useEffect(() => {
    let live = true;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(header.date)) return;
    apiGet(`/vouchers/${def.type}/next-number`, nextNumberSchema, { date: header.date })
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
        placeOfSupply: header.placeOfSupply,
      }),
    [lines, def, org.profile?.state_code, party?.state_code, header.placeOfSupply],
  );

  const setH = <K extends keyof Header>(k: K, v: Header[K]) => {
    setHeader((h) => ({ ...h, [k]: v }));
    setErrors(({ [k === 'placeOfSupply' ? 'place_of_supply' : k]: _d, ...rest }) => rest);
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

  const submit = async () => {
    setRefusal(null);
    const used = lines.filter((l) => !isBlank(l));
    const body: Record<string, unknown> = {
      [def.partyField]: party?.id ?? '',
      date: header.date,
      notes: header.notes,
      send_email: header.sendEmail,
      items: used.map(lineToWire),
    };
    if (has('place_of_supply')) body.place_of_supply = header.placeOfSupply ?? '';
    if (has('reference')) body.reference = header.reference;
    if (has('due_date')) body.due_date = header.dueDate || null;
    if (has('supplier_invoice_number')) body.supplier_invoice_number = header.supplierInvoiceNumber;
    if (has('supplier_invoice_date')) body.supplier_invoice_date = header.supplierInvoiceDate || null;

    // Line errors are reported against the lines sent; map them back to the rows on screen.
    const remap = (errs: FieldErrors): FieldErrors => {
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(errs)) {
        const m = /^items\.(\d+)\.(.+)$/.exec(k);
        if (m) {
          const row = lines.indexOf(used[Number(m[1])]!);
          out[`items.${row}.${m[2]}`] = v;
        } else out[k === def.partyField ? 'party' : k] = v;
      }
      return out;
    };
    const checked = validateWith(voucherCreateSchema(def), body);
    if (!checked.ok) {
      setErrors(remap(checked.errors));
      setRefusal('Please correct the highlighted fields.');
      return;
    }
    setBusy(true);
    try {
      const saved = await apiSend('POST', `/vouchers/${def.type}`, voucherSchema, body, { 'idempotency-key': keys.current.keyFor(body) });
      router.push(`${voucherPaths.view(def.type, saved.id)}?created=1`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(remap(apiFieldErrors(err.fieldErrors)));
      setRefusal(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        // Enter never posts a voucher by accident: Ctrl+Enter saves; in a line, Enter adds a line.
        if (e.key !== 'Enter' || (e.target as HTMLElement).tagName !== 'INPUT') return;
        e.preventDefault();
        if (e.ctrlKey || e.metaKey) void submit();
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
                  apiGet(`/${def.partyKind}s`, partyPageSchema, { search: search || undefined, limit: 30 }).then((p) => p.items)
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
            {has('due_date') && (
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <DateField
                  label="Due date"
                  clearable
                  format={org.dateFormat}
                  value={header.dueDate}
                  error={errors.due_date}
                  onChange={(v) => setH('dueDate', v)}
                />
              </Grid.Col>
            )}
            {has('place_of_supply') && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label="Place of supply"
                  placeholder={party?.state_code ? `${noun}'s state: ${stateLabel(party.state_code)}` : 'Our own state'}
                  data={STATE_OPTIONS}
                  searchable
                  clearable
                  value={header.placeOfSupply}
                  error={errors.place_of_supply}
                  onChange={(v) => setH('placeOfSupply', v)}
                />
              </Grid.Col>
            )}
            {has('reference') && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Reference (PO / order no.)"
                  value={header.reference}
                  error={errors.reference}
                  onChange={(e) => setH('reference', e.currentTarget.value)}
                />
              </Grid.Col>
            )}
            {has('supplier_invoice_number') && (
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <TextInput
                  label="Supplier invoice no."
                  value={header.supplierInvoiceNumber}
                  error={errors.supplier_invoice_number}
                  onChange={(e) => setH('supplierInvoiceNumber', e.currentTarget.value)}
                />
              </Grid.Col>
            )}
            {has('supplier_invoice_date') && (
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <DateField
                  label="Supplier invoice date"
                  clearable
                  format={org.dateFormat}
                  value={header.supplierInvoiceDate}
                  error={errors.supplier_invoice_date}
                  onChange={(v) => setH('supplierInvoiceDate', v)}
                />
              </Grid.Col>
            )}
          </Grid>
        </Paper>
        {errors.items && <Alert color="red">Lines: {errors.items}</Alert>}
        <VoucherLines
          lines={lines}
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
        {refusal && (
          <Alert color="red" title="Not saved" role="alert" data-testid="voucher-refusal">
            {refusal}
          </Alert>
        )}
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
