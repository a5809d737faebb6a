'use client';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { messageResponseSchema, ROLE_LABELS } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';
import { PageHeader } from '@/features/shell/page-header';
import { apiRequest } from '@/lib/api-client';
import { useCurrentUser, useSession } from '@/lib/session';

export default function ProfilePage() {
  const user = useCurrentUser();
  const { logout } = useSession();
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const rows: Array<[string, string]> = [
    ['Name', user.full_name],
    ['Email', user.email],
    ['Role', ROLE_LABELS[user.role]],
    ['Organisation', user.organization_name ?? 'Platform (no organisation)'],
  ];
  return (
    <>
      <PageHeader title="Your profile" />
      <Stack gap="md" maw={640}>
        <Card withBorder radius="md">
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={160}>{label}</Table.Th>
                  <Table.Td data-testid={`profile-${label.toLowerCase()}`}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="sm">
            Your name, email and role are managed by your administrator.
          </Text>
        </Card>
        <Group>
          <Button component={Link} href="/profile/password" variant="light">
            Change password
          </Button>
          <Button component={Link} href="/profile/security" variant="light">
            Two-factor sign-in
          </Button>
          <Button
            variant="default"
            color="red"
            onClick={() =>
              setConfirm({
                title: 'Log out everywhere',
                message: 'Every session of your account ends, on every device, this one included.',
                confirmLabel: 'Log out everywhere',
                danger: true,
                onConfirm: async () => {
                  await apiRequest('/auth/logout-all', { method: 'POST', schema: messageResponseSchema });
                  await logout();
                },
              })
            }
          >
            Log out everywhere
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}
