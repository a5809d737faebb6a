'use client';
import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { twoFactorPolicySchema, type CurrentUser } from '@tritiq/contracts';
import { useState } from 'react';
import { FormAlert } from '@/features/common/form-alert';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { useApi } from '@/lib/use-api';
import { notify } from '@/lib/notify';

/** The organisation's rule: its admins must sign in with a second factor (the org admin changes it). */
export function TwoFactorPolicyCard({ user }: { user: CurrentUser }) {
  const policy = useApi((signal) => apiRequest('/organization/two-factor-policy', { schema: twoFactorPolicySchema, signal }), []);
  const current = policy.status === 'ready' ? policy.data : undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (required: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await apiRequest('/organization/two-factor-policy', {
        method: 'PUT',
        body: { require_for_admins: required },
        schema: twoFactorPolicySchema,
      });
      notify({
        color: 'teal',
        message: required ? 'Admins must now use two-factor sign-in' : 'Two-factor sign-in is optional for admins',
      });
      policy.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" maw={640}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Two-factor sign-in
        </Title>
        <FormAlert error={error} />
        <Switch
          label="Require two-factor sign-in for org admins and admins"
          description="Admins without an authenticator app are made to set one up at their next sign-in."
          checked={current?.require_for_admins ?? false}
          disabled={user.role !== 'org_admin' || busy || !current}
          onChange={(e) => void change(e.currentTarget.checked)}
          data-testid="two-factor-policy"
        />
        {user.role !== 'org_admin' && (
          <Text size="xs" c="dimmed">
            Only the org admin can change this.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
