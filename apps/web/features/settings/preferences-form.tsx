'use client';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { DATE_FORMATS, organizationSettingsSchema, updateOrganizationSettingsRequestSchema, type CurrentUser } from '@tritiq/contracts';
import { DateField } from '@/features/common/date-field';
import { useVoucherTypes } from '@/lib/voucher-types';
import { FormAlert } from '@/features/common/form-alert';
import { schemaValidator } from '@/features/common/form-errors';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { useLeaveGuard } from '@/features/common/use-leave-guard';
import { ErrorState, LoadingState } from '@/features/common/states';
import { apiRequest } from '@/lib/api-client';
import { formatDate, setCachedDateFormat, type DateFormat } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import type { z } from 'zod';
import { notify } from '@/lib/notify';

interface Values {
  allow_negative_stock: boolean;
  date_format: DateFormat;
  /** Per voucher type (as the API serves them): the prefix of this financial year's number series. */
  voucher_prefixes: Record<string, string>;
  books_start_date: string;
  max_days_ahead: number;
  payment_reminders_enabled: boolean;
  payment_reminder_after_days: number;
  payment_reminder_every_days: number;
  share_links_enabled: boolean;
}

/** The settings as the form edits them (the deprecated per-type prefix fields are left out). */
function valuesOf(saved: z.output<typeof organizationSettingsSchema>): Values {
  const { allow_negative_stock, date_format, voucher_prefixes, books_start_date, max_days_ahead } = saved;
  const { payment_reminders_enabled, payment_reminder_after_days, payment_reminder_every_days, share_links_enabled } = saved;
  return {
    allow_negative_stock,
    date_format,
    voucher_prefixes,
    books_start_date,
    max_days_ahead,
    payment_reminders_enabled,
    payment_reminder_after_days,
    payment_reminder_every_days,
    share_links_enabled,
  };
}

function Form({ initial, user }: { initial: Values; user: CurrentUser }) {
  const canEdit = user.role === 'org_admin';
  const voucherTypes = useVoucherTypes();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: schemaValidator(updateOrganizationSettingsRequestSchema),
  });
  useLeaveGuard(form.isDirty());
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const saved = valuesOf(
      await apiRequest('/organization/settings', { method: 'PATCH', body: values, schema: organizationSettingsSchema }),
    );
    form.setInitialValues(saved);
    form.setValues(saved);
    if (user.organization_id) setCachedDateFormat(user.organization_id, saved.date_format);
    notify({ color: 'teal', message: 'Settings saved' });
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
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Voucher number prefixes
          </Text>
          <Text size="xs" c="dimmed">
            e.g. SV → SV/2526/00001. A change applies from this financial year on; numbers already given keep theirs.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {voucherTypes.map((def) => (
              <TextInput
                key={def.type}
                label={`${def.label} prefix`}
                disabled={!canEdit}
                {...form.getInputProps(`voucher_prefixes.${def.type}`)}
              />
            ))}
          </SimpleGrid>
        </Stack>
        <Group grow align="flex-start">
          <DateField
            label="Books start on"
            format={form.values.date_format}
            value={form.values.books_start_date}
            error={form.errors.books_start_date as string | undefined}
            onChange={(v) => form.setFieldValue('books_start_date', v)}
          />
          <NumberInput
            label="Days ahead a voucher may be dated"
            description="0: not after today"
            min={0}
            max={366}
            allowDecimal={false}
            disabled={!canEdit}
            {...form.getInputProps('max_days_ahead')}
          />
        </Group>
        <Text size="xs" c="dimmed" mt={-8}>
          Vouchers and stock adjustments must be dated from the day the books start up to that many days after today.
        </Text>
        <Switch
          label="Send payment reminders every day"
          description="At 09:00 each customer with overdue bills is emailed a reminder with its statement attached."
          disabled={!canEdit}
          {...form.getInputProps('payment_reminders_enabled', { type: 'checkbox' })}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Days overdue before the first reminder"
            min={1}
            max={365}
            allowDecimal={false}
            disabled={!canEdit || !form.values.payment_reminders_enabled}
            {...form.getInputProps('payment_reminder_after_days')}
          />
          <NumberInput
            label="Remind a bill at most once every (days)"
            description="Reminders sent by hand count too"
            min={1}
            max={365}
            allowDecimal={false}
            disabled={!canEdit || !form.values.payment_reminders_enabled}
            {...form.getInputProps('payment_reminder_every_days')}
          />
        </Group>
        <Switch
          label="Allow expiring share links"
          description="Members may make a public link to a voucher's PDF that expires (for WhatsApp); turning this off stops every link."
          disabled={!canEdit}
          {...form.getInputProps('share_links_enabled', { type: 'checkbox' })}
        />
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
  return <Form initial={valuesOf(data.data)} user={user} />;
}
