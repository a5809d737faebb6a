'use client';
import { Button, Group, Menu, Select, Stack, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useForm } from '@mantine/form';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import {
  createUserRequestSchema,
  createUserResponseSchema,
  messageResponseSchema,
  passwordResetResponseSchema,
  ROLE_LABELS,
  userPageSchema,
  userSchema,
  type CurrentUser,
} from '@tritiq/contracts';
import type { z } from 'zod';
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
import { formatDateTime, useDateFormat } from '@/lib/format';
import { useApi } from '@/lib/use-api';
import { notify } from '@/lib/notify';

const PAGE = 20;
type User = z.infer<typeof userSchema>;
const roleOptions = (['org_admin', 'admin', 'standard_user'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function CreateUserForm({
  onCreated,
  onDirtyChange,
}: {
  onCreated: (secret: ShownSecret) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', full_name: '', role: 'standard_user', phone: '', department: '', designation: '' },
    validate: schemaValidator(createUserRequestSchema, (v: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(v)
          .filter(([, value]) => value.trim() !== '')
          .map(([k, value]) => [k, value.trim()]),
      ),
    ),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    const body = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    const res = await apiRequest('/users', { method: 'POST', body, schema: createUserResponseSchema });
    onCreated(newAccountSecret(res));
  });
  useReportDirty(form.isDirty(), onDirtyChange);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert error={error} />
        <TextInput label="Full name" required data-autofocus {...form.getInputProps('full_name')} />
        <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
        <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
        <Group grow>
          <TextInput label="Department" {...form.getInputProps('department')} />
          <TextInput label="Designation" {...form.getInputProps('designation')} />
        </Group>
        <TextInput label="Phone" {...form.getInputProps('phone')} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UsersAdmin({ me }: { me: CurrentUser }) {
  const { search, debounced, page, setPage, onSearch } = usePagedSearch();
  const dateFormat = useDateFormat(me.organization_id);
  const list = useApi(
    (signal) =>
      apiRequest('/users', { schema: userPageSchema, query: { search: debounced, limit: PAGE, offset: (page - 1) * PAGE }, signal }),
    [debounced, page],
  );
  const { openCreate, showSecret, askConfirm, dialogs } = useAccountDialogs(() => list.reload());

  const setActive = (user: User, active: boolean) =>
    askConfirm(
      activeChangeRequest(user, active, 'user', async () => {
        await apiRequest(`/users/${user.id}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST', schema: userSchema });
        list.reload();
      }),
    );

  const resetPassword = (user: User) =>
    askConfirm({
      title: 'Reset password',
      message: `A new password is generated for ${user.email} and shown to you once; their sessions end and they must change it at the next sign-in.`,
      confirmLabel: 'Reset password',
      danger: true,
      onConfirm: async () => {
        const res = await apiRequest(`/users/${user.id}/reset-password`, { method: 'POST', schema: passwordResetResponseSchema });
        showSecret({
          label: `New password for ${res.user_email}`,
          secret: res.new_password,
          emailSent: res.email_sent,
          emailError: res.email_error,
        });
        list.reload();
      },
    });

  const resetSecondFactor = (user: User) =>
    askConfirm({
      title: 'Reset second factor',
      message: `${user.email} signs in with the password alone until they set up an authenticator app again (at once, where your organisation requires one). Their recovery codes stop working.`,
      confirmLabel: 'Reset second factor',
      danger: true,
      onConfirm: async () => {
        await apiRequest(`/users/${user.id}/two-factor`, { method: 'DELETE', schema: messageResponseSchema });
        notify({ color: 'teal', message: `Second factor of ${user.email} reset` });
      },
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SearchField label="Search users" placeholder="Search by name or email" value={search} onSearch={onSearch} />
        <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
          New user
        </Button>
      </Group>
      <PagedTable
        list={list}
        empty={debounced ? 'No user matches the search.' : 'No users yet.'}
        minWidth={640}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(u) => (
          <Table.Tr key={u.id} data-testid={`user-row-${u.email}`}>
            <Table.Td>{u.full_name}</Table.Td>
            <Table.Td>{u.email}</Table.Td>
            <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
            <Table.Td>
              <UserStatusBadges user={u} />
            </Table.Td>
            <Table.Td>{formatDateTime(u.last_login_at, dateFormat)}</Table.Td>
            <Table.Td>
              {u.id !== me.id && (
                <RowActionsMenu name={u.email}>
                  {me.role === 'org_admin' && <Menu.Item onClick={() => resetPassword(u)}>Reset password</Menu.Item>}
                  {me.role === 'org_admin' && <Menu.Item onClick={() => resetSecondFactor(u)}>Reset second factor</Menu.Item>}
                  <ActiveToggleItem active={u.is_active} onChange={(active) => setActive(u, active)} />
                </RowActionsMenu>
              )}
            </Table.Td>
          </Table.Tr>
        )}
        noun="users"
        pageSize={PAGE}
        page={page}
        onPage={setPage}
      />
      {dialogs('New user', CreateUserForm)}
    </Stack>
  );
}
