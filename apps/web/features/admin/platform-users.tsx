'use client';
import { Button, Group, Menu, Stack, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useForm } from '@mantine/form';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import {
  createPlatformAdminRequestSchema,
  createUserResponseSchema,
  messageResponseSchema,
  platformUserPageSchema,
  ROLE_LABELS,
  userSchema,
  type PlatformUser,
} from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { newAccountSecret, useAccountDialogs } from '@/features/common/account-dialogs';
import { FormAlert } from '@/features/common/form-alert';
import { SearchField, usePagedSearch } from '@/features/common/search-field';
import { schemaValidator } from '@/features/common/form-errors';
import type { ShownSecret } from '@/features/common/secret-once';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { useReportDirty } from '@/features/common/use-leave-guard';
import { RowActionsMenu } from '@/features/common/row-actions-menu';
import { activeChangeRequest, ActiveToggleItem, UserStatusBadges } from '@/features/common/user-rows';
import { PagedTable } from '@/features/common/paged-table';
import { apiRequest } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useCurrentUser } from '@/lib/session';
import { useApi } from '@/lib/use-api';

const PAGE = 25;

/** Another platform administrator: name and email; the password is generated, shown once and emailed. */
function AddPlatformAdminForm({
  onCreated,
  onDirtyChange,
}: {
  onCreated: (secret: ShownSecret) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { full_name: '', email: '' },
    validate: schemaValidator(createPlatformAdminRequestSchema, (v: { full_name: string; email: string }) => ({
      full_name: v.full_name.trim(),
      email: v.email.trim(),
    })),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const res = await apiRequest('/admin/platform-admins', {
      method: 'POST',
      body: { full_name: values.full_name.trim(), email: values.email.trim() },
      schema: createUserResponseSchema,
    });
    onCreated(newAccountSecret(res));
  });
  useReportDirty(form.isDirty(), onDirtyChange);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert error={error} />
        <TextInput label="Full name" required data-autofocus {...form.getInputProps('full_name')} />
        <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Add platform admin
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PlatformUsers() {
  const me = useCurrentUser();
  const router = useRouter();
  const { search, debounced, page, setPage, onSearch } = usePagedSearch();
  const list = useApi(
    (signal) =>
      apiRequest('/admin/users', {
        schema: platformUserPageSchema,
        query: { search: debounced, limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      }),
    [debounced, page],
  );
  const { openCreate, askConfirm, dialogs } = useAccountDialogs(() => list.reload());
  // Platform administrators only: an organisation's users are its admins' to manage (or suspend the organisation).
  const setActive = (user: PlatformUser, active: boolean) =>
    askConfirm(
      activeChangeRequest(user, active, 'platform admin', async () => {
        await apiRequest(`/admin/platform-admins/${user.id}/${active ? 'reactivate' : 'deactivate'}`, {
          method: 'POST',
          schema: userSchema,
        });
        list.reload();
      }),
    );

  // The platform's reset, for anyone but oneself: a super admin who lost their phone, or an
  // organisation whose only org admin did. Every session of the user ends with it.
  const resetSecondFactor = (user: PlatformUser) =>
    askConfirm({
      title: 'Reset second factor',
      message: `${user.email} signs in with the password alone until they set up an authenticator app again (at once, where it is required). Their recovery codes stop working and every session of theirs ends.`,
      confirmLabel: 'Reset second factor',
      danger: true,
      onConfirm: async () => {
        await apiRequest(`/admin/users/${user.id}/two-factor`, { method: 'DELETE', schema: messageResponseSchema });
        notify({ color: 'teal', message: `Second factor of ${user.email} reset` });
      },
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SearchField label="Search users" placeholder="Search by name or email" value={search} onSearch={onSearch} />
        <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
          Add platform admin
        </Button>
      </Group>
      <PagedTable
        list={list}
        empty="No user matches."
        minWidth={700}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Organisation</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(u) => (
          <Table.Tr key={u.id}>
            <Table.Td>{u.full_name}</Table.Td>
            <Table.Td>{u.email}</Table.Td>
            <Table.Td>{u.organization_name ?? '—'}</Table.Td>
            <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
            <Table.Td>
              <UserStatusBadges user={u} />
            </Table.Td>
            <Table.Td>{formatDateTime(u.last_login_at)}</Table.Td>
            <Table.Td>
              <RowActionsMenu name={u.email}>
                <Menu.Item onClick={() => router.push(`/admin/password-reset?email=${encodeURIComponent(u.email)}`)}>
                  Reset password
                </Menu.Item>
                {u.id !== me.id && <Menu.Item onClick={() => resetSecondFactor(u)}>Reset second factor</Menu.Item>}
                {u.role === 'super_admin' && u.id !== me.id && (
                  <ActiveToggleItem active={u.is_active} onChange={(active) => setActive(u, active)} />
                )}
              </RowActionsMenu>
            </Table.Td>
          </Table.Tr>
        )}
        noun="users"
        pageSize={PAGE}
        page={page}
        onPage={setPage}
      />
      {dialogs('New platform admin', AddPlatformAdminForm)}
    </Stack>
  );
}
