'use client';
import { Anchor, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { twoFactorSetupSchema } from '@tritiq/contracts';
import { useEffect, useState } from 'react';
import { signedInSchema } from '@/features/auth/auth.queries';
import { FormAlert } from '@/features/common/form-alert';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { AuthenticatorSetup, codeRule, type SetupData } from './authenticator-setup';
import { RecoveryCodesOnce } from './recovery-codes';
import { enrolledSchema, type Challenge, type SignedInResult } from './two-factor.queries';

/** The second sign-in step: a code from the app, or a recovery code. */
export function SecondFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: Challenge;
  onSignedIn: (result: SignedInResult) => void;
  onRestart: () => void;
}) {
  const [recovery, setRecovery] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (recovery ? (v.trim().length >= 10 ? null : 'Enter one of your recovery codes') : codeRule(v)) },
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const body = recovery
      ? { challenge_token: challenge.challenge_token, recovery_code: values.code.trim() }
      : { challenge_token: challenge.challenge_token, code: values.code.trim() };
    onSignedIn(await apiRequest('/auth/two-factor/verify', { method: 'POST', body, schema: signedInSchema, noRefresh: true }));
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          Two-factor sign-in
        </Title>
        <Text size="sm">
          {recovery ? 'Enter one of your recovery codes. Each works once.' : 'Enter the 6-digit code from your authenticator app.'}
        </Text>
        <FormAlert error={error} />
        <TextInput
          label={recovery ? 'Recovery code' : 'Code'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          required
          autoFocus
          {...form.getInputProps('code')}
          // The API names `code` or `recovery_code`; the form has the one field.
          error={form.errors.code ?? form.errors.recovery_code}
        />
        <Group justify="space-between">
          <Group gap="md">
            <Anchor component="button" type="button" size="sm" onClick={() => (setRecovery(!recovery), form.reset())}>
              {recovery ? 'Use the app code' : 'Use a recovery code'}
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={onRestart}>
              Start over
            </Anchor>
          </Group>
          <Button type="submit" loading={busy}>
            Verify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A user who must have a second factor and has none sets one up before the sign-in completes. */
export function EnrolAtSignIn({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: Challenge;
  onSignedIn: (result: SignedInResult) => void;
  onRestart: () => void;
}) {
  const [setup, setSetup] = useState<SetupData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: SignedInResult; codes: string[] } | null>(null);

  useEffect(() => {
    let live = true;
    apiRequest('/auth/two-factor/enrolment/setup', {
      method: 'POST',
      body: { challenge_token: challenge.challenge_token },
      schema: twoFactorSetupSchema,
      noRefresh: true,
    })
      .then((data) => live && setSetup(data))
      .catch((err: unknown) => live && setLoadError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [challenge.challenge_token]);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Set up two-factor sign-in
      </Title>
      {!done && (
        <Text size="sm">Your organisation requires a second factor for your account. Set up an authenticator app to continue.</Text>
      )}
      <FormAlert error={loadError} />
      {loadError && (
        <Anchor component="button" type="button" size="sm" onClick={onRestart}>
          Start over
        </Anchor>
      )}
      {!setup && !loadError && <Loader size="sm" />}
      {setup && !done && (
        <AuthenticatorSetup
          setup={setup}
          submitLabel="Turn on and sign in"
          onCode={async (code) => {
            const res = await apiRequest('/auth/two-factor/enrolment/enable', {
              method: 'POST',
              body: { challenge_token: challenge.challenge_token, code },
              schema: enrolledSchema,
              noRefresh: true,
            });
            const { recovery_codes, ...result } = res;
            setDone({ result, codes: recovery_codes });
          }}
        />
      )}
      {done && <RecoveryCodesOnce codes={done.codes} doneLabel="Continue" onDone={() => onSignedIn(done.result)} />}
    </Stack>
  );
}
