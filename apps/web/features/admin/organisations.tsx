'use client';
import { Badge, Button, Group, Menu, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useForm } from '@mantine/form';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import {
  createOrganizationRequestSchema,
  createOrganizationResponseSchema,
  organizationPageSchema,
  organizationSchema,
} from '@tritiq/contracts';
import { useState } from 'react';
import type { z } from 'zod';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';
import { FormAlert } from '@/features/common/form-alert';
import { SearchField, usePagedSearch } from '@/features/common/search-field';
import { schemaValidator } from '@/features/common/form-errors';
import { SecretOnceModal } from '@/features/common/secret-once';
import { useDialogFormGuard, useReportDirty } from '@/features/common/use-leave-guard';
import { useFormSubmit } from '@/features/common/use-form-submit';
import { RowActionsMenu } from '@/features/common/row-actions-menu';
import { PagedTable } from '@/features/common/paged-table';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { useApi } from '@/lib/use-api';

type Organization = z.infer<typeof organizationSchema>;
type Created = z.infer<typeof createOrganizationResponseSchema>;
const PAGE = 20;

const createBody = (v: { name: string; admin_email: string; admin_full_name: string; max_users: number | string }) => ({
  name: v.name.trim(),
  admin_email: v.admin_email.trim(),
  admin_full_name: v.admin_full_name.trim(),
  max_users: typeof v.max_users === 'number' ? v.max_users : undefined,
});

function CreateLicenceForm({ onCreated, onDirtyChange }: { onCreated: (c: Created) => void; onDirtyChange: (dirty: boolean) => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', admin_email: '', admin_full_name: '', max_users: 5 as number | string },
    validate: schemaValidator(createOrganizationRequestSchema, createBody),
  });
  const { submit, busy, error } = useFormSubmit(form, async (values) => {
    onCreated(await apiRequest('/organizations', { method: 'POST', body: createBody(values), schema: createOrganizationResponseSchema }));
  });
  useReportDirty(form.isDirty(), onDirtyChange);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert error={error} />
        <TextInput label="Organisation name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput label="Admin's full name" required {...form.getInputProps('admin_full_name')} />
        <TextInput label="Admin's email" type="email" required {...form.getInputProps('admin_email')} />
        <NumberInput label="User limit" min={1} max={100000} allowDecimal={false} {...form.getInputProps('max_users')} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Create licence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UserLimitForm({
  org,
  onSaved,
  onDirtyChange,
}: {
  org: Organization;
  onSaved: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>(org.max_users);
  const [busy, setBusy] = useState(false);
  useReportDirty(value !== org.max_users, onDirtyChange);
  return (
    <Stack gap="sm">
      <Text size="sm">
        {org.name} has {org.active_users} active users.
      </Text>
      <NumberInput
        label="User limit"
        min={1}
        max={100000}
        allowDecimal={false}
        value={value}
        onChange={setValue}
        error={error}
        data-autofocus
      />
      <Group justify="flex-end">
        <Button
          loading={busy}
          onClick={() => {
            if (typeof value !== 'number') return setError('Enter a whole number');
            setBusy(true);
            apiRequest(`/organizations/${org.id}`, { method: 'PATCH', body: { max_users: value }, schema: organizationSchema })
              .then(onSaved)
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        >
          Save limit
        </Button>
      </Group>
    </Stack>
  );
}

export function Organisations() {
  const { search, debounced, page, setPage, onSearch } = usePagedSearch();
  const [status, setStatus] = useState('all');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [limitFor, setLimitFor] = useState<Organization | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  // Either form closed with changes (Esc, the close button, outside) asks first; so does leaving the page.
  const createGuard = useDialogFormGuard(() => setCreating(false));
  const limitGuard = useDialogFormGuard(() => setLimitFor(null));
  const list = useApi(
    (signal) =>
      apiRequest('/organizations', {
        schema: organizationPageSchema,
        query: { search: debounced, status: status === 'all' ? undefined : status, limit: PAGE, offset: (page - 1) * PAGE },
        signal,
      }),
    [debounced, status, page],
  );

  const setOrgStatus = (org: Organization, suspend: boolean) =>
    setConfirm({
      title: suspend ? 'Suspend organisation' : 'Reactivate organisation',
      message: suspend
        ? `Everyone in ${org.name} is signed out and cannot sign in until the licence is reactivated.`
        : `${org.name}'s users will be able to sign in again.`,
      confirmLabel: suspend ? 'Suspend' : 'Reactivate',
      danger: suspend,
      reasonLabel: suspend ? 'Reason (shown in the audit trail)' : undefined,
      onConfirm: async (reason) => {
        await apiRequest(`/organizations/${org.id}/${suspend ? 'suspend' : 'reactivate'}`, {
          method: 'POST',
          body: suspend ? (reason ? { reason } : {}) : undefined,
          schema: organizationSchema,
        });
        list.reload();
      },
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <SearchField label="Search organisations" placeholder="Search by name" value={search} onSearch={onSearch} w={260} />
          <SegmentedControl
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            data={[
              { value: 'all', label: 'All' },
              { value: 'active', label: 'Active' },
              { value: 'suspended', label: 'Suspended' },
            ]}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          New licence
        </Button>
      </Group>
      <PagedTable
        list={list}
        empty="No organisations match."
        minWidth={640}
        head={
          <>
            <Table.Th>Organisation</Table.Th>
            <Table.Th>GSTIN</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Users</Table.Th>
            <Table.Th>Since</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
        row={(o) => (
          <Table.Tr key={o.id} data-testid={`org-row-${o.name}`}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {o.name}
              </Text>
              <Text size="xs" c="dimmed">
                {o.state ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>{o.gstin ?? '—'}</Table.Td>
            <Table.Td>
              <Badge color={o.status === 'active' ? 'teal' : 'orange'} variant="light">
                {o.status}
              </Badge>
              {o.suspended_reason && (
                <Text size="xs" c="dimmed">
                  {o.suspended_reason}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {o.active_users} / {o.max_users}
            </Table.Td>
            <Table.Td>{formatDate(o.created_at)}</Table.Td>
            <Table.Td>
              <RowActionsMenu name={o.name}>
                <Menu.Item onClick={() => setLimitFor(o)}>Change user limit</Menu.Item>
                {o.status === 'active' ? (
                  <Menu.Item color="red" onClick={() => setOrgStatus(o, true)}>
                    Suspend
                  </Menu.Item>
                ) : (
                  <Menu.Item onClick={() => setOrgStatus(o, false)}>Reactivate</Menu.Item>
                )}
              </RowActionsMenu>
            </Table.Td>
          </Table.Tr>
        )}
        noun="organisations"
        pageSize={PAGE}
        page={page}
        onPage={setPage}
      />
      <Modal opened={creating} onClose={createGuard.close} title="New licence" centered>
        <CreateLicenceForm
          onDirtyChange={createGuard.report}
          onCreated={(c) => {
            createGuard.reset();
            setCreating(false);
            setCreated(c);
            list.reload();
          }}
        />
      </Modal>
      <SecretOnceModal
        title="Licence created"
        shown={
          created && {
            intro:
              `${created.organization.name} is active with ${created.admin.full_name} (${created.admin.email}) as its organisation admin. ` +
              'After the first sign-in they must complete the company profile (Settings → Company profile: GSTIN and state) ' +
              'before any voucher can be made; their dashboard lists what is left.',
            label: 'Temporary password',
            secret: created.temporary_password,
            emailSent: created.email_sent,
            emailError: created.email_error,
          }
        }
        onClose={() => setCreated(null)}
      />
      <Modal opened={limitFor !== null} onClose={limitGuard.close} title="User limit" centered>
        {limitFor && (
          <UserLimitForm
            org={limitFor}
            onDirtyChange={limitGuard.report}
            onSaved={() => {
              limitGuard.reset();
              setLimitFor(null);
              list.reload();
            }}
          />
        )}
      </Modal>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Stack>
  );
}
