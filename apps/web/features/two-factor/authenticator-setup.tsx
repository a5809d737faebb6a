'use client';
import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '@/features/common/form-alert';
import { useFormSubmit } from '@/features/common/use-form-submit';

export interface SetupData {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export const codeRule = (v: string) => (/^[0-9]{6}$/.test(v.trim()) ? null : 'Enter the 6-digit code from your app');

/** The QR code to scan (the secret beside it, for typing by hand) and the first code that confirms it. */
export function AuthenticatorSetup({
  setup,
  onCode,
  submitLabel,
}: {
  setup: SetupData;
  onCode: (code: string) => Promise<void>;
  submitLabel: string;
}) {
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: codeRule } });
  const { submit, busy, error } = useFormSubmit(form, (values) => onCode(values.code.trim()));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…).
        </Text>
        {/* The SVG is made by the API's qrcode library from the otpauth URI: markup of ours, not user input. */}
        <div data-testid="two-factor-qr" style={{ width: 200, height: 200 }} dangerouslySetInnerHTML={{ __html: setup.qr_svg }} />
        <Text size="sm">
          Or type this key into the app: <Code data-testid="two-factor-secret">{setup.secret}</Code>
        </Text>
        <FormAlert error={error} />
        <TextInput
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          data-autofocus
          {...form.getInputProps('code')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
