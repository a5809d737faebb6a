'use client';

import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  accountGroupCreateSchema,
  accountGroupSchema,
  accountGroupUpdateSchema,
  chartTreeSchema,
  ledgerCreateSchema,
  ledgerSchema,
  ledgerUpdateSchema,
  type AccountGroupNode,
} from '@tritiq/contracts';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';
import { FormActions, FormAlert } from '@/features/common/form-alert';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { RowActionsMenu } from '@/features/common/row-actions-menu';
import { ScrollBox } from '@/features/common/scroll-table';
import { ErrorState, LoadingState } from '@/features/common/states';
import { useSubmit } from '@/features/common/use-form-submit';
import { drCr } from '@/features/vouchers/ledger-select';
import { isAdminRole } from '@/lib/access';
import { api } from '@/lib/api-client';
import { useApi } from '@/lib/use-api';
import { useCurrentRole } from '@/lib/session';
import { notify } from '@/lib/notify';
import { DecimalInput, DrCrSelect, type Side } from './balance-fields';

type Ledger = z.output<typeof ledgerSchema>;
type Group = AccountGroupNode;

/** What the one account dialog does. */
type DialogState =
  | { kind: 'new-group'; parentId: string | null }
  | { kind: 'new-ledger'; groupId: string | null }
  | { kind: 'rename-group'; group: Group }
  | { kind: 'move-group'; group: Group }
  | { kind: 'rename-ledger'; ledger: Ledger }
  | { kind: 'move-ledger'; ledger: Ledger };

interface Row {
  depth: number;
  group?: Group;
  ledger?: Ledger;
}

function flatten(groups: readonly Group[], depth = 0, out: Row[] = []): Row[] {
  for (const g of groups) {
    out.push({ depth, group: g });
    for (const c of g.children) flatten([c], depth + 1, out);
    for (const l of g.ledgers) out.push({ depth: depth + 1, ledger: l });
  }
  return out;
}

/** Every group as a picker option, indented under its parent ("  Bank Accounts"). */
function groupOptions(rows: readonly Row[], except?: string): { value: string; label: string }[] {
  return rows.flatMap((r) =>
    r.group && r.group.id !== except ? [{ value: r.group.id, label: `${'\u00a0\u00a0'.repeat(r.depth)}${r.group.name}` }] : [],
  );
}

const NATURE_COLORS: Record<string, string> = { asset: 'blue', liability: 'grape', income: 'green', expense: 'orange' };

/**
 * The chart of accounts (BOOKS.md "Chart of accounts") as a tree: primary groups in the order of
 * the statements, their sub-groups and ledgers with their balances. Admins create groups and
 * ledgers, rename, move, deactivate and reactivate, and delete what the rules allow; everyone else
 * reads. Each ledger opens its statement.
 */
export function ChartOfAccountsPage() {
  const role = useCurrentRole();
  const admin = isAdminRole(role);
  const [parties, setParties] = useState(false);
  const [inactive, setInactive] = useState(true);
  const chart = useApi(
    (signal) => api.get('/accounts', chartTreeSchema, { include_party_ledgers: parties ? 'true' : undefined }, signal),
    [parties],
  );
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);

  if (chart.status === 'loading') return <LoadingState label="Loading the chart of accounts…" />;
  if (chart.status === 'error') return <ErrorState message={chart.message} onRetry={chart.reload} />;
  const rows = flatten(chart.data.groups).filter((r) => inactive || !r.ledger || r.ledger.is_active);

  const setActive = (l: Ledger, active: boolean) =>
    setConfirm({
      title: `${active ? 'Reactivate' : 'Deactivate'} ${l.name}?`,
      message: active
        ? 'It can be chosen on vouchers again.'
        : 'It stays in the books with its entries and balance, but can no longer be chosen on new vouchers.',
      confirmLabel: active ? 'Reactivate' : 'Deactivate',
      danger: !active,
      onConfirm: async () => {
        await api.patch(`/accounts/ledgers/${l.id}`, { is_active: active }, ledgerSchema);
        notify({ message: `${l.name} is ${active ? 'active again' : 'deactivated'}.`, color: 'green' });
        chart.reload();
      },
    });
  const remove = (what: 'group' | 'ledger', id: string, name: string) =>
    setConfirm({
      title: `Delete ${name}?`,
      message: `The ${what} is removed from the chart of accounts. This cannot be undone.`,
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: async () => {
        await api.delete(`/accounts/${what === 'group' ? 'groups' : 'ledgers'}/${id}`);
        notify({ message: `${name} is deleted.`, color: 'green' });
        chart.reload();
      },
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Chart of accounts</Title>
          <Text size="sm" c="dimmed">
            Groups and ledgers in the order of the statements; balances as on today, the opening balance included.
          </Text>
        </div>
        {admin && (
          <Group gap="xs">
            <Button component={Link} href="/accounts/opening-balances" variant="default">
              Opening balances
            </Button>
            <Button variant="light" onClick={() => setDialog({ kind: 'new-group', parentId: null })}>
              New group
            </Button>
            <Button onClick={() => setDialog({ kind: 'new-ledger', groupId: null })}>New ledger</Button>
          </Group>
        )}
      </Group>
      <Group gap="lg">
        <Checkbox label="Show party ledgers" checked={parties} onChange={(e) => setParties(e.currentTarget.checked)} />
        <Checkbox label="Show inactive ledgers" checked={inactive} onChange={(e) => setInactive(e.currentTarget.checked)} />
      </Group>
      <ScrollBox>
        <Table highlightOnHover verticalSpacing={6} miw={640} aria-label="Chart of accounts" data-testid="chart-of-accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group / ledger</Table.Th>
              <Table.Th>Nature</Table.Th>
              <Table.Th ta="right">Balance (₹)</Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) =>
              r.group ? (
                <GroupRow
                  key={r.group.id}
                  group={r.group}
                  depth={r.depth}
                  actions={
                    admin ? (
                      <RowActionsMenu name={r.group.name}>
                        <Menu.Item onClick={() => setDialog({ kind: 'new-group', parentId: r.group!.id })}>New group under it</Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'new-ledger', groupId: r.group!.id })}>New ledger under it</Menu.Item>
                        {!r.group.is_system && (
                          <>
                            <Menu.Item onClick={() => setDialog({ kind: 'rename-group', group: r.group! })}>Rename</Menu.Item>
                            <Menu.Item onClick={() => setDialog({ kind: 'move-group', group: r.group! })}>Move</Menu.Item>
                            <Menu.Item
                              color="red"
                              disabled={r.group.child_count > 0 || r.group.ledger_count > 0}
                              onClick={() => remove('group', r.group!.id, r.group!.name)}
                            >
                              Delete
                            </Menu.Item>
                          </>
                        )}
                      </RowActionsMenu>
                    ) : null
                  }
                />
              ) : (
                <LedgerRow
                  key={r.ledger!.id}
                  ledger={r.ledger!}
                  depth={r.depth}
                  actions={
                    admin && !r.ledger!.party_id ? (
                      <RowActionsMenu name={r.ledger!.name}>
                        <Menu.Item onClick={() => setDialog({ kind: 'rename-ledger', ledger: r.ledger! })}>Rename</Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'move-ledger', ledger: r.ledger! })}>Move</Menu.Item>
                        {!r.ledger!.is_system && (
                          <Menu.Item onClick={() => setActive(r.ledger!, !r.ledger!.is_active)}>
                            {r.ledger!.is_active ? 'Deactivate' : 'Reactivate'}
                          </Menu.Item>
                        )}
                        {!r.ledger!.is_system && (
                          <Menu.Item
                            color="red"
                            disabled={r.ledger!.has_entries}
                            onClick={() => remove('ledger', r.ledger!.id, r.ledger!.name)}
                          >
                            Delete
                          </Menu.Item>
                        )}
                      </RowActionsMenu>
                    ) : null
                  }
                />
              ),
            )}
          </Table.Tbody>
        </Table>
      </ScrollBox>
      {dialog && (
        <AccountDialog
          state={dialog}
          groups={groupOptions(flatten(chart.data.groups), dialog.kind === 'move-group' ? dialog.group.id : undefined)}
          onClose={() => setDialog(null)}
          onSaved={(message) => {
            setDialog(null);
            notify({ message: message, color: 'green' });
            chart.reload();
          }}
        />
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Stack>
  );
}

function indent(depth: number) {
  return { paddingLeft: `calc(var(--mantine-spacing-sm) + ${depth * 1.25}rem)` };
}

function GroupRow({ group, depth, actions }: { group: Group; depth: number; actions: ReactNode }) {
  return (
    <Table.Tr data-testid={`group-row-${group.name}`}>
      <Table.Td style={indent(depth)}>
        <Group gap={6} wrap="nowrap">
          <Text fw={700} size="sm">
            {group.name}
          </Text>
          {!group.is_system && (
            <Badge size="xs" variant="outline">
              Own group
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge size="xs" variant="light" color={NATURE_COLORS[group.nature]}>
          {group.nature}
        </Badge>
      </Table.Td>
      <Table.Td />
      <Table.Td>{actions}</Table.Td>
    </Table.Tr>
  );
}

function LedgerRow({ ledger, depth, actions }: { ledger: Ledger; depth: number; actions: ReactNode }) {
  return (
    <Table.Tr data-testid={`ledger-row-${ledger.name}`}>
      <Table.Td style={indent(depth)}>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} href={`/reports/ledgers/${ledger.id}`} size="sm" c={ledger.is_active ? undefined : 'dimmed'}>
            {ledger.name}
          </Anchor>
          {!ledger.is_active && (
            <Badge size="xs" color="gray" data-testid="ledger-inactive">
              Inactive
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {ledger.party_kind ? `${ledger.party_kind} ledger` : 'ledger'}
        </Text>
      </Table.Td>
      <Table.Td ta="right" ff="monospace" data-testid="ledger-balance">
        {drCr(ledger.balance)}
      </Table.Td>
      <Table.Td>{actions}</Table.Td>
    </Table.Tr>
  );
}

const TITLES: Record<DialogState['kind'], string> = {
  'new-group': 'New group',
  'new-ledger': 'New ledger',
  'rename-group': 'Rename group',
  'move-group': 'Move group',
  'rename-ledger': 'Rename ledger',
  'move-ledger': 'Move ledger',
};

/** Create, rename or move a group or ledger: the API's own schemas check it first, its refusals show beside the fields. */
function AccountDialog({
  state,
  groups,
  onClose,
  onSaved,
}: {
  state: DialogState;
  groups: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const initialName =
    state.kind === 'rename-group' || state.kind === 'move-group' ? state.group.name : 'ledger' in state ? state.ledger.name : '';
  const initialGroup =
    state.kind === 'new-group'
      ? state.parentId
      : state.kind === 'new-ledger'
        ? state.groupId
        : state.kind === 'move-group'
          ? state.group.parent_id
          : state.kind === 'move-ledger'
            ? state.ledger.group_id
            : null;
  const [name, setName] = useState(initialName);
  const [groupId, setGroupId] = useState(initialGroup ?? '');
  const [opening, setOpening] = useState('');
  const [side, setSide] = useState<Side>('debit');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error } = useSubmit(setErrors, (f) => ['name', 'parent_id', 'group_id', 'opening_balance.amount'].includes(f));
  const naming = state.kind.startsWith('new') || state.kind.startsWith('rename');
  const placing = !state.kind.startsWith('rename');
  const groupField = state.kind === 'new-group' || state.kind === 'move-group' ? 'parent_id' : 'group_id';

  const submit = () => {
    let path: string;
    let method: 'post' | 'patch';
    let body: Record<string, unknown>;
    let schema: z.ZodType;
    let response: z.ZodType;
    switch (state.kind) {
      case 'new-group':
        [path, method, body, schema, response] = [
          '/accounts/groups',
          'post',
          { name, parent_id: groupId },
          accountGroupCreateSchema,
          accountGroupSchema,
        ];
        break;
      case 'new-ledger':
        body = { name, group_id: groupId };
        if (opening.trim() !== '') body.opening_balance = { amount: opening.trim(), side };
        [path, method, schema, response] = ['/accounts/ledgers', 'post', ledgerCreateSchema, ledgerSchema];
        break;
      case 'rename-group':
      case 'move-group':
        body = state.kind === 'rename-group' ? { name } : { parent_id: groupId };
        [path, method, schema, response] = [`/accounts/groups/${state.group.id}`, 'patch', accountGroupUpdateSchema, accountGroupSchema];
        break;
      default:
        body = state.kind === 'rename-ledger' ? { name } : { group_id: groupId };
        [path, method, schema, response] = [`/accounts/ledgers/${state.ledger.id}`, 'patch', ledgerUpdateSchema, ledgerSchema];
    }
    const checked = validateWith(schema, body);
    void run(
      async () => {
        await api[method](path, body, response);
        const shown = naming ? name.trim() : initialName;
        onSaved(
          state.kind.startsWith('new')
            ? `${shown} is created.`
            : state.kind.startsWith('rename')
              ? `Renamed to ${shown}.`
              : `${shown} is moved.`,
        );
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };

  return (
    <Modal opened onClose={onClose} title={TITLES[state.kind]} centered>
      <form
        aria-label={TITLES[state.kind]}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {naming && (
            <TextInput
              label="Name"
              required
              data-autofocus
              maxLength={state.kind.includes('ledger') ? 200 : 100}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
          )}
          {placing && (
            <NativeSelect
              label="Under group"
              required
              data={[{ value: '', label: 'Choose a group' }, ...groups]}
              value={groupId}
              error={errors[groupField]}
              onChange={(e) => setGroupId(e.currentTarget.value)}
            />
          )}
          {state.kind === 'new-ledger' && (
            <Group grow align="flex-start">
              <DecimalInput
                label="Opening balance (₹)"
                value={opening}
                error={errors['opening_balance.amount'] ?? errors.opening_balance}
                onChange={setOpening}
              />
              <DrCrSelect value={side} onChange={setSide} />
            </Group>
          )}
          <FormAlert error={error} title="Not saved" />
          <FormActions submitLabel={state.kind.startsWith('new') ? 'Create' : 'Save'} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
