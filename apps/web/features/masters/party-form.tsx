'use client';

import { Alert, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { GST_STATE_CODES, partyCreateSchema, partySchema, partyUpdateSchema, type PartyKind } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';
import { STATE_OPTIONS } from '@/lib/gst';
import { CodeSelect } from '@/features/common/code-select';
import { confirmDiscard } from '@/features/common/use-leave-guard';
import { FormActions, FormAlert } from '@/features/common/form-alert';

export type Party = z.output<typeof partySchema>;

const FIELDS = [
  'name',
  'contact_number',
  'email',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'pin_code',
  'state_code',
  'gstin',
  'pan',
] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

function valuesOf(party: Party | null, initialName = ''): Values {
  const values = Object.fromEntries(FIELDS.map((f) => [f, party?.[f] ?? ''])) as Values;
  return party ? values : { ...values, name: initialName };
}

const stateName = (code: string): string => (GST_STATE_CODES as Record<string, string>)[code] ?? '';

export interface PartyFormProps {
  kind: PartyKind;
  /** null: a new party. */
  party: Party | null;
  /** A new party's name as already typed (the voucher form's "Create “…”"). */
  initialName?: string;
  opened: boolean;
  onClose: () => void;
  onSaved: (party: Party) => void;
}

/** Create or edit a vendor or customer, checked by the API's own schema before it is sent. */
export function PartyForm({ kind, party, initialName, opened, onClose, onSaved }: PartyFormProps) {
  const label = kind === 'vendor' ? 'vendor' : 'customer';
  const [values, setValues] = useState<Values>(() => valuesOf(party, initialName));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors, (field) => field in values);

  const set = (field: FieldName) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _drop, ...rest }) => rest);
  };
  const input = (field: FieldName) => ({
    value: values[field],
    error: errors[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(field)(e.currentTarget.value),
  });

  const initial = useState(() => JSON.stringify(valuesOf(party, initialName)))[0];
  const close = () => {
    if (confirmDiscard(JSON.stringify(values) !== initial)) onClose();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = validateWith(party ? partyUpdateSchema : partyCreateSchema, values);
    void run(
      async () => {
        const saved = party
          ? await api.put(`/${kind}s/${party.id}`, values, partySchema)
          : await api.post(`/${kind}s`, values, partySchema);
        onSaved(saved);
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={party ? `Edit ${label}: ${party.name}` : `New ${label}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`${label} form`}>
        <Stack gap="sm">
          <FormAlert error={refusal} title="Not saved" />
          <TextInput label="Name" required data-autofocus {...input('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Contact number" {...input('contact_number')} />
            <TextInput label="Email" type="email" {...input('email')} />
            <TextInput label="Address line 1" {...input('address_line1')} />
            <TextInput label="Address line 2" {...input('address_line2')} />
            <TextInput label="City" {...input('city')} />
            <TextInput label="PIN code" inputMode="numeric" maxLength={6} {...input('pin_code')} />
            {/* One field for the state: its GST code decides the tax split, its name is stored with it. */}
            <CodeSelect
              label="GST state"
              noun="state"
              placeholder="Type a state or its code"
              data={STATE_OPTIONS}
              clearable
              value={values.state_code || null}
              error={errors.state_code ?? errors.state}
              onChange={(code) => {
                set('state_code')(code ?? '');
                set('state')(code ? stateName(code) : '');
              }}
            />
            <TextInput
              label="GSTIN"
              maxLength={15}
              styles={{ input: { textTransform: 'uppercase' } }}
              {...input('gstin')}
              onChange={(e) => {
                const gstin = e.currentTarget.value;
                set('gstin')(gstin);
                // A GSTIN starts with its state's code: typed first, it fills the state.
                const code = gstin.trim().slice(0, 2);
                if (!values.state_code && /^\d{2}$/.test(code) && stateName(code)) {
                  set('state_code')(code);
                  set('state')(stateName(code));
                }
              }}
            />
            <TextInput label="PAN" maxLength={10} styles={{ input: { textTransform: 'uppercase' } }} {...input('pan')} />
          </SimpleGrid>
          {party && !party.is_active && <Alert color="gray">This {label} is deactivated; an admin can reactivate it from the list.</Alert>}
          <FormActions submitLabel={party ? 'Save changes' : `Add ${label}`} busy={busy} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
