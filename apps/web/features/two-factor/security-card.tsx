'use client';
import { Badge, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { messageResponseSchema, recoveryCodesResponseSchema, twoFactorSetupSchema, twoFactorStatusSchema } from '@tritiq/contracts';
import { useState } from 'react';
import { FormAlert } from '@/features/common/form-alert';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { apiRequest } from '@/lib/api-client';
import { useApi } from '@/lib/use-api';
import { AuthenticatorSetup, type SetupData } from './authenticator-setup';
import { RecoveryCodesOnce } from './recovery-codes';
import { notify } from '@/lib/notify';

type Stage = { kind: 'idle' } | { kind: 'setup'; setup: SetupData } | { kind: 'codes'; codes: string[] } | { kind: 'disable' };

function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', code: '' },
    validate: {
      password: (v) => (v ? null : 'Enter your password'),
      code: (v) => (v.trim() ? null : 'Enter a code from your app or a recovery code'),
    },
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    await apiRequest('/auth/two-factor/disable', {
      method: 'POST',
      body: { password: values.password, code: values.code.trim() },
      schema: messageResponseSchema,
    });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert error={error} />
        <PasswordInput label="Your password" autoComplete="current-password" required {...form.getInputProps('password')} />
        <TextInput label="Code from the app (or a recovery code)" autoComplete="one-time-code" required {...form.getInputProps('code')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={busy}>
            Turn off
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The security page's two-factor card: turn an authenticator app on (QR, first code, recovery codes once) or off. */
export function TwoFactorCard() {
  const status = useApi((signal) => apiRequest('/auth/two-factor', { schema: twoFactorStatusSchema, signal }), []);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [startError, setStartError] = useState<string | null>(null);
  const data = status.status === 'ready' ? status.data : undefined;

  const start = async () => {
    setStartError(null);
    try {
      setStage({ kind: 'setup', setup: await apiRequest('/auth/two-factor/setup', { method: 'POST', schema: twoFactorSetupSchema }) });
    } catch (err) {
      setStartError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Card withBorder radius="md" data-testid="two-factor-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Two-factor sign-in
          </Title>
          {data && (
            <Badge color={data.enabled ? 'teal' : 'gray'} data-testid="two-factor-status">
              {data.enabled ? 'On' : 'Off'}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          After your password, sign-in asks for a 6-digit code from an authenticator app on your phone.
          {data?.required ? ' Your role requires it.' : ''}
        </Text>
        {data?.enabled && stage.kind === 'idle' && <Text size="sm">Recovery codes left: {data.recovery_codes_left}</Text>}
        <FormAlert error={status.status === 'error' ? status.message : startError} />
        {stage.kind === 'idle' && data && !data.enabled && (
          <Group>
            <Button onClick={() => void start()}>Set up authenticator app</Button>
          </Group>
        )}
        {stage.kind === 'idle' && data?.enabled && !data.required && (
          <Group>
            <Button variant="default" color="red" onClick={() => setStage({ kind: 'disable' })}>
              Turn off
            </Button>
          </Group>
        )}
        {stage.kind === 'setup' && (
          <AuthenticatorSetup
            setup={stage.setup}
            submitLabel="Turn on"
            onCode={async (code) => {
              const res = await apiRequest('/auth/two-factor/enable', {
                method: 'POST',
                body: { code },
                schema: recoveryCodesResponseSchema,
              });
              setStage({ kind: 'codes', codes: res.recovery_codes });
            }}
          />
        )}
        {stage.kind === 'codes' && (
          <RecoveryCodesOnce
            codes={stage.codes}
            onDone={() => {
              setStage({ kind: 'idle' });
              status.reload();
            }}
          />
        )}
        {stage.kind === 'disable' && (
          <DisableForm
            onCancel={() => setStage({ kind: 'idle' })}
            onDone={() => {
              notify({ color: 'teal', message: 'Two-factor sign-in is off' });
              setStage({ kind: 'idle' });
              status.reload();
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
