'use client';
import { Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { DATE_FORMATS, organizationSettingsSchema, updateOrganizationSettingsRequestSchema, type CurrentUser } from '@tritiq/contracts';
import { FormAlert } from '@/features/common/form-alert';
import { schemaValidator } from '@/features/common/form-errors';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { ErrorState, LoadingState } from '@/features/shell/states';
import { apiRequest } from '@/lib/api-client';
import { formatDate, setCachedDateFormat, type DateFormat } from '@/lib/format';
import { useApi } from '@/lib/use-api';

interface Values {
  allow_negative_stock: boolean;
  sales_prefix: string;
  purchase_prefix: string;
  date_format: DateFormat;
}

function Form({ initial, user }: { initial: Values; user: CurrentUser }) {
  const canEdit = user.role === 'org_admin';
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: schemaValidator(updateOrganizationSettingsRequestSchema),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const saved = await apiRequest('/organization/settings', { method: 'PATCH', body: values, schema: organizationSettingsSchema });
    form.setInitialValues(saved);
    form.setValues(saved);
    if (user.organization_id) setCachedDateFormat(user.organization_id, saved.date_format);
    notifications.show({ color: 'teal', message: 'Settings saved' });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={520}>
        <FormAlert error={error} title="Not saved" />
        <Switch
          label="Allow negative stock"
          description="When off, a sale that would take a product below zero is refused."
          disabled={!canEdit}
          {...form.getInputProps('allow_negative_stock', { type: 'checkbox' })}
        />
        <Select
          label="Date format"
          description={`Today shows as ${formatDate(new Date(), form.values.date_format)}`}
          data={[...DATE_FORMATS]}
          allowDeselect={false}
          disabled={!canEdit}
          {...form.getInputProps('date_format')}
        />
        <Group grow>
          <TextInput
            label="Sales voucher prefix"
            description="e.g. SV → SV/2526/00001"
            disabled={!canEdit}
            {...form.getInputProps('sales_prefix')}
          />
          <TextInput label="Purchase voucher prefix" disabled={!canEdit} {...form.getInputProps('purchase_prefix')} />
        </Group>
        {canEdit && (
          <Group>
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function Preferences({ user }: { user: CurrentUser }) {
  const data = useApi((signal) => apiRequest('/organization/settings', { schema: organizationSettingsSchema, signal }), []);
  if (data.status === 'loading') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} onRetry={data.reload} />;
  return <Form initial={data.data} user={user} />;
}
