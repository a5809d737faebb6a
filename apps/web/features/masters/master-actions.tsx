'use client';

import { Badge, Button, Menu } from '@mantine/core';
import { deletedSchema } from '@tritiq/contracts';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { ConfirmDialog } from '@/features/common/confirm';
import { api } from '@/lib/api-client';
import type { KeysetList } from '@/lib/use-keyset-list';

/** What vendors, customers and products share: a name, and an active flag admins may change. */
interface MasterRecord {
  id: string;
  name: string;
  is_active: boolean;
}

export type MasterAction = 'deactivate' | 'activate' | 'delete';

const VERB: Record<MasterAction, string> = { deactivate: 'Deactivate', activate: 'Reactivate', delete: 'Delete' };

/**
 * The admin actions on a master row (deactivate, reactivate, delete), asked for from the row's
 * menu and carried out after the confirmation dialog; the list is updated in place, or reloaded
 * when the row leaves it (deleted, or deactivated while only active rows are shown).
 */
export function useMasterActions<T extends MasterRecord>(options: {
  path: string;
  schema: z.ZodType<T>;
  list: KeysetList<T>;
  showInactive: boolean;
}) {
  const [pending, setPending] = useState<{ action: MasterAction; record: T } | null>(null);
  const act = async () => {
    if (!pending) return;
    const { action, record } = pending;
    if (action === 'delete') {
      await api.delete(`${options.path}/${record.id}`, deletedSchema);
      options.list.reload();
    } else {
      const saved = await api.put(`${options.path}/${record.id}`, { is_active: action === 'activate' }, options.schema);
      if (!saved.is_active && !options.showInactive) options.list.reload();
      else options.list.replace((r) => r.id === saved.id, saved);
    }
    setPending(null);
  };
  return {
    pending,
    ask: (action: MasterAction, record: T) => setPending({ action, record }),
    cancel: () => setPending(null),
    act,
  };
}

/**
 * The create/edit dialog of a master list: which record is open (null: a new one), and what a
 * save does to the list (the edited row replaced in place; a new one reloads the list, where it
 * may sort anywhere).
 */
export function useMasterEditor<T extends MasterRecord>(list: KeysetList<T>) {
  const [editing, setEditing] = useState<{ record: T | null } | null>(null);
  return {
    editing,
    open: (record: T | null) => setEditing({ record }),
    close: () => setEditing(null),
    saved: (saved: T) => {
      const edited = editing?.record;
      setEditing(null);
      if (edited) list.replace((r) => r.id === saved.id, saved);
      else list.reload();
    },
  };
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="green" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray">Deactivated</Badge>
  );
}

/** The row's Actions menu: Edit, any extra items, and (for admins) deactivate/reactivate and delete. */
export function MasterActionsMenu<T extends MasterRecord>(props: {
  record: T;
  isAdmin: boolean;
  onEdit: () => void;
  onAsk: (action: MasterAction, record: T) => void;
  children?: ReactNode;
}) {
  const { record } = props;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="subtle" aria-label={`Actions for ${record.name}`}>
          Actions
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={props.onEdit}>Edit</Menu.Item>
        {props.children}
        {props.isAdmin && (
          <>
            <Menu.Item onClick={() => props.onAsk(record.is_active ? 'deactivate' : 'activate', record)}>
              {record.is_active ? 'Deactivate' : 'Reactivate'}
            </Menu.Item>
            <Menu.Item color="red" onClick={() => props.onAsk('delete', record)}>
              Delete
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The confirmation for a pending master action, with what the action means for this kind of record. */
export function MasterActionConfirm<T extends MasterRecord>(props: {
  actions: ReturnType<typeof useMasterActions<T>>;
  messages: Record<MasterAction, string>;
}) {
  const { pending, cancel, act } = props.actions;
  return (
    <ConfirmDialog
      onClose={cancel}
      request={
        pending && {
          title: `${VERB[pending.action]} ${pending.record.name}?`,
          message: props.messages[pending.action],
          confirmLabel: VERB[pending.action],
          dismissLabel: 'Keep it',
          danger: pending.action !== 'activate',
          onConfirm: act,
        }
      }
    />
  );
}
