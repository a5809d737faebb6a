'use client';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { forgotPasswordRequestSchema, messageResponseSchema } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { PasswordRules } from '@/features/auth/change-password-form';
import { FormAlert } from '@/features/common/form-alert';
import { apiFieldErrors } from '@/features/common/form-errors';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { useHydrated } from '@/lib/hydration';

/** Forgot password: the API emails a 6-digit code, which is then traded for a new password. */
export default function ForgotPasswordPage() {
  const [step, setStep] = useState<'email' | 'code' | 'done'>('email');
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', code: '', new_password: '', confirm_password: '' },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!forgotPasswordRequestSchema.safeParse({ email: values.email.trim() }).success) errors.email = 'Enter a valid email address';
      if (step === 'code') {
        if (!/^\d{6}$/.test(values.code.trim())) errors.code = 'Enter the 6-digit code from the email';
        if (!values.new_password) errors.new_password = 'Choose a new password';
        if (values.confirm_password !== values.new_password) errors.confirm_password = 'Passwords do not match';
      }
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      if (step === 'email') {
        const res = await apiRequest('/auth/password/forgot', {
          method: 'POST',
          body: { email: values.email.trim() },
          schema: messageResponseSchema,
          noRefresh: true,
        });
        setInfo(res.message);
        setStep('code');
      } else {
        await apiRequest('/auth/password/reset', {
          method: 'POST',
          body: { email: values.email.trim(), code: values.code.trim(), new_password: values.new_password },
          schema: messageResponseSchema,
          noRefresh: true,
        });
        setStep('done');
      }
    } catch (err) {
      form.setErrors(apiFieldErrors(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  });

  if (step === 'done') {
    return (
      <Stack gap="md">
        <Title order={2} size="h3">
          Password changed
        </Title>
        <Alert color="teal" data-testid="reset-done">
          Your password has been reset. Sign in with the new one.
        </Alert>
        <Button component={Link} href="/login">
          Go to sign in
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          Reset your password
        </Title>
        {step === 'email' ? (
          <Text size="sm" c="dimmed">
            Enter your account&apos;s email address. If it belongs to an account, we send a 6-digit code to it.
          </Text>
        ) : (
          info && (
            <Alert color="indigo" data-testid="forgot-info">
              {info} Enter the code from the email and choose a new password.
            </Alert>
          )
        )}
        <FormAlert error={error} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          disabled={step === 'code'}
          {...form.getInputProps('email')}
        />
        {step === 'code' && (
          <>
            <TextInput
              label="Code from the email"
              description="6 digits"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              autoFocus
              {...form.getInputProps('code')}
            />
            <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('new_password')} />
            <PasswordInput label="Confirm new password" autoComplete="new-password" required {...form.getInputProps('confirm_password')} />
            <PasswordRules />
          </>
        )}
        <Group justify="space-between">
          <Anchor component={Link} href="/login" size="sm">
            Back to sign in
          </Anchor>
          <Button type="submit" loading={busy} disabled={!hydrated}>
            {step === 'email' ? 'Send code' : 'Reset password'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
