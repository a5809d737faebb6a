'use client';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { adminResetPasswordRequestSchema, passwordResetResponseSchema } from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { FormAlert } from '@/features/common/form-alert';
import { schemaValidator } from '@/features/common/form-errors';
import { SecretOnce } from '@/features/common/secret-once';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { apiRequest } from '@/lib/api-client';

export type ResetResult = z.infer<typeof passwordResetResponseSchema>;

export function resetPasswordByEmail(email: string): Promise<ResetResult> {
  return apiRequest('/admin/reset-password', { method: 'POST', body: { user_email: email }, schema: passwordResetResponseSchema });
}

export function ResetOutcome({ result }: { result: ResetResult }) {
  return (
    <Stack gap="xs" data-testid="reset-outcome">
      <Text size="sm">{result.message}</Text>
      <SecretOnce
        label={`New password for ${result.user_email}`}
        secret={result.new_password}
        emailSent={result.email_sent}
        emailError={result.email_error}
      />
    </Stack>
  );
}

/** The seed's admin reset: a new password shown once, and whether the email with it went out. */
export function PasswordResetForm({ initialEmail = '' }: { initialEmail?: string }) {
  const [result, setResult] = useState<ResetResult | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { user_email: initialEmail },
    validate: schemaValidator(adminResetPasswordRequestSchema, (v: { user_email: string }) => ({ user_email: v.user_email.trim() })),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    setResult(null);
    setResult(await resetPasswordByEmail(values.user_email.trim()));
  });
  return (
    <Stack gap="md" maw={560}>
      <Card withBorder radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              The user gets a generated password by email, every session of theirs ends, and they must change it at the next sign-in.
            </Text>
            <FormAlert error={error} />
            <TextInput label="User's email" type="email" required {...form.getInputProps('user_email')} />
            <Group justify="flex-end">
              <Button type="submit" color="red" loading={busy}>
                Reset password
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {result && (
        <Card withBorder radius="md">
          <ResetOutcome result={result} />
        </Card>
      )}
    </Stack>
  );
}
