'use client';
import { Alert, Button, Grid, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { GST_STATE_CODES, organizationProfileSchema, updateOrganizationProfileRequestSchema, type CurrentUser } from '@tritiq/contracts';
import { useState } from 'react';
import { FormAlert } from '@/features/common/form-alert';
import { CodeSelect } from '@/features/common/code-select';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { schemaValidator } from '@/features/common/form-errors';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import { notify } from '@/lib/notify';

const FIELDS = [
  'legal_name',
  'gstin',
  'pan',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'pin_code',
  'state_code',
  'phone',
  'email',
  'bank_name',
  'bank_account_number',
  'bank_ifsc',
  'bank_branch',
  'upi_id',
  'invoice_terms',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toBody = (v: Values) => Object.fromEntries(FIELDS.map((k) => [k, v[k].trim() === '' ? null : v[k].trim()]));
const stateOptions = Object.entries(GST_STATE_CODES).map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));

function ProfileForm({ initial, canEdit, onSaved }: { initial: Values; canEdit: boolean; onSaved: (at: string) => void }) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => ({
      ...schemaValidator(updateOrganizationProfileRequestSchema, toBody)(values),
      // The API lets a profile be saved in parts, but vouchers cannot be made without the state code.
      ...(values.state_code ? {} : { state_code: 'Choose the GST state: vouchers need it' }),
    }),
  });
  useLeaveGuard(form.isDirty());
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const saved = await apiRequest('/organization/profile', { method: 'PATCH', body: toBody(values), schema: organizationProfileSchema });
    form.resetDirty();
    onSaved(saved.updated_at);
    notify({ color: 'teal', message: 'Company profile saved' });
  });
  const field = (name: (typeof FIELDS)[number], label: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} disabled={!canEdit} {...form.getInputProps(name)} {...extra} />
  );
  const gstinInput = form.getInputProps('gstin');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        <FormAlert error={error} title="Not saved" />
        {!canEdit && <Alert color="gray">Only the organisation admin can change the company profile.</Alert>}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 8 }}>{field('legal_name', 'Legal name')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {field('gstin', 'GSTIN', {
              placeholder: '27AAPFU0939F1ZV',
              description: '15 characters; its first two digits are the state code',
              onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
                (gstinInput.onChange as (e: React.ChangeEvent<HTMLInputElement>) => void)(e);
                const code = e.currentTarget.value.trim().slice(0, 2);
                if (!form.values.state_code && code in GST_STATE_CODES) {
                  form.setFieldValue('state_code', code);
                  if (!form.values.state) form.setFieldValue('state', (GST_STATE_CODES as Record<string, string>)[code]!);
                }
              },
            })}
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('pan', 'PAN', { placeholder: 'AAPFU0939F' })}</Grid.Col>
          <Grid.Col span={12}>{field('address_line1', 'Address line 1')}</Grid.Col>
          <Grid.Col span={12}>{field('address_line2', 'Address line 2')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>{field('city', 'City')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>{field('state', 'State')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>{field('pin_code', 'PIN code', { placeholder: '411001' })}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <CodeSelect
              label="GST state code"
              noun="state"
              required
              data={stateOptions}
              clearable
              disabled={!canEdit}
              {...form.getInputProps('state_code')}
              value={form.values.state_code || null}
              onChange={(v) => form.setFieldValue('state_code', v ?? '')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('phone', 'Phone', { placeholder: '+91 98765 43210' })}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('email', 'Email', { type: 'email' })}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('bank_name', 'Bank (printed on invoices)')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('bank_branch', 'Branch')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('bank_account_number', 'Account number')}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>{field('bank_ifsc', 'IFSC', { placeholder: 'HDFC0001234' })}</Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            {field('upi_id', 'UPI ID', { placeholder: 'name@bank', description: 'Sales invoices carry a QR to pay it by UPI' })}
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label="Invoice terms" autosize minRows={2} disabled={!canEdit} {...form.getInputProps('invoice_terms')} />
          </Grid.Col>
        </Grid>
        {canEdit && (
          <Group>
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              Save profile
            </Button>
            {form.isDirty() && (
              <Text size="sm" c="dimmed">
                Unsaved changes
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function CompanyProfile({ user }: { user: CurrentUser }) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const data = useApi((signal) => apiRequest('/organization/profile', { schema: organizationProfileSchema, signal }), []);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} onRetry={data.reload} />;
  const p = data.data;
  const initial = Object.fromEntries(FIELDS.map((k) => [k, p[k] ?? ''])) as Values;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {p.name} · financial year from 1 April · last changed {formatDateTime(savedAt ?? p.updated_at)}
      </Text>
      <ProfileForm initial={initial} canEdit={user.role === 'org_admin'} onSaved={setSavedAt} />
    </Stack>
  );
}
