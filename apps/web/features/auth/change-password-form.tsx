'use client';
import { Button, List, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PASSWORD_MIN_LENGTH } from '@tritiq/contracts';
import { FormAlert } from '@/features/common/form-alert';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { apiRequest } from '@/lib/api-client';
import { useHydrated } from '@/lib/hydration';
import { signedInSchema } from './auth.queries';

export function PasswordRules() {
  return (
    <List size="xs" c="dimmed" spacing={2}>
      <List.Item>At least {PASSWORD_MIN_LENGTH} characters, with upper- and lower-case letters, a digit and a special character</List.Item>
      <List.Item>Not your email address, and not a common password</List.Item>
    </List>
  );
}

/** Change the signed-in user's password. When it is a forced change the current password is not asked for. */
export function ChangePasswordForm({ forced, onDone }: { forced: boolean; onDone: () => void }) {
  const hydrated = useHydrated();
  const form = useForm({
    mode: 'controlled',
    initialValues: { current_password: '', new_password: '', confirm_password: '' },
    validate: {
      current_password: (v) => (!forced && !v ? 'Enter your current password' : null),
      new_password: (v) => (v.length < PASSWORD_MIN_LENGTH ? `Use at least ${PASSWORD_MIN_LENGTH} characters` : null),
      confirm_password: (v, values) => (v !== values.new_password ? 'Passwords do not match' : null),
    },
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    await apiRequest('/auth/change-password', {
      method: 'POST',
      body: {
        ...(forced ? {} : { current_password: values.current_password }),
        new_password: values.new_password,
        confirm_password: values.confirm_password,
      },
      schema: signedInSchema,
      noRefresh: forced,
    });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert error={error} />
        {!forced && (
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('current_password')} />
        )}
        <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('new_password')} />
        <PasswordInput label="Confirm new password" autoComplete="new-password" required {...form.getInputProps('confirm_password')} />
        <PasswordRules />
        <Text size="xs" c="dimmed">
          Changing your password signs you out everywhere else.
        </Text>
        <Button type="submit" loading={busy} disabled={!hydrated}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
