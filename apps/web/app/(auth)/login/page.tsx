'use client';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { formatUnlockTime, lockedUntil } from '@/features/auth/auth.queries';
import { EnrolAtSignIn, SecondFactorStep } from '@/features/two-factor/sign-in-step';
import { isChallenge, loginResultSchema, type Challenge, type SignedInResult } from '@/features/two-factor/two-factor.queries';
import { ApiError, apiRequest, errorMessage } from '@/lib/api-client';
import { useHydrated } from '@/lib/hydration';
import { useSession } from '@/lib/session';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function LoginForm() {
  const hydrated = useHydrated();
  const router = useRouter();
  const params = useSearchParams();
  const { state, setUser } = useSession();
  const [error, setError] = useState<{ title: string; message: string; locked: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  useEffect(() => {
    if (state.status === 'signed-in') router.replace(state.user.must_change_password ? '/change-password' : safeNext(params.get('next')));
  }, [state, router, params]);

  const signedIn = (result: SignedInResult) => {
    setUser(result.user);
    router.replace(result.must_change_password ? '/change-password' : safeNext(params.get('next')));
  };
  const restart = () => {
    setChallenge(null);
    form.setFieldValue('password', '');
  };

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await apiRequest('/auth/login', {
        method: 'POST',
        body: { email: values.email.trim(), password: values.password },
        schema: loginResultSchema,
        noRefresh: true,
      });
      if (isChallenge(result)) setChallenge(result);
      else signedIn(result);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ACCOUNT_LOCKED') {
        const until = lockedUntil(err.headers, err.detail);
        setError({
          title: 'Sign-in locked',
          message: until
            ? `Too many wrong passwords from this address: signing in to this account from here is locked until ${formatUnlockTime(until)}. Try again then, or reset your password.`
            : err.detail,
          locked: true,
        });
      } else if (err instanceof ApiError && err.status === 422) {
        form.setErrors(err.fieldErrors);
        setError({ title: 'Check the form', message: err.detail, locked: false });
      } else {
        setError({
          title: err instanceof ApiError && err.code === 'RATE_LIMITED' ? 'Too many attempts' : 'Sign-in failed',
          message: errorMessage(err),
          locked: false,
        });
      }
    } finally {
      setSubmitting(false);
    }
  });

  if (challenge) {
    return challenge.enrolment_required ? (
      <EnrolAtSignIn challenge={challenge} onSignedIn={signedIn} onRestart={restart} />
    ) : (
      <SecondFactorStep challenge={challenge} onSignedIn={signedIn} onRestart={restart} />
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={2} size="h3">
          Sign in
        </Title>
        {error && (
          <Alert
            color={error.locked ? 'orange' : 'red'}
            icon={error.locked ? <IconLock size={18} /> : <IconAlertCircle size={18} />}
            title={error.title}
            role="alert"
            data-testid="login-error"
          >
            {error.message}
          </Alert>
        )}
        <TextInput label="Email" type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
        <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
        <Group justify="space-between">
          <Anchor component={Link} href="/forgot-password" size="sm">
            Forgot password?
          </Anchor>
          <Button type="submit" loading={submitting} disabled={!hydrated}>
            Sign in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function LoginPage() {
  return (
    <Suspense>
      <LoginForm />
    </Suspense>
  );
}
