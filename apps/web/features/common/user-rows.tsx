'use client';
import { Badge, Group, Menu } from '@mantine/core';
import type { ConfirmRequest } from './confirm';

interface UserLike {
  full_name: string;
  email: string;
  is_active: boolean;
  must_change_password: boolean;
  locked_until: string | null;
}

/** Active or not, and, when so, "must change password" and "locked" (until the lockout ends). */
export function UserStatusBadges({ user }: { user: UserLike }) {
  return (
    <Group gap={4}>
      <Badge color={user.is_active ? 'teal' : 'gray'} variant="light">
        {user.is_active ? 'active' : 'inactive'}
      </Badge>
      {user.must_change_password && (
        <Badge color="yellow" variant="light">
          must change password
        </Badge>
      )}
      {user.locked_until && new Date(user.locked_until) > new Date() && (
        <Badge color="orange" variant="light">
          locked
        </Badge>
      )}
    </Group>
  );
}

/** Deactivate or Reactivate, whichever the user's state calls for. */
export function ActiveToggleItem({ active, onChange }: { active: boolean; onChange: (active: boolean) => void }) {
  return active ? (
    <Menu.Item color="red" onClick={() => onChange(false)}>
      Deactivate
    </Menu.Item>
  ) : (
    <Menu.Item onClick={() => onChange(true)}>Reactivate</Menu.Item>
  );
}

/** The confirmation before deactivating (signed out everywhere) or reactivating a `noun` (user, platform admin). */
export function activeChangeRequest(user: UserLike, active: boolean, noun: string, apply: () => Promise<void>): ConfirmRequest {
  return {
    title: `${active ? 'Reactivate' : 'Deactivate'} ${noun}`,
    message: active
      ? `${user.full_name} (${user.email}) will be able to sign in again.`
      : `${user.full_name} (${user.email}) will be signed out everywhere and cannot sign in until reactivated.`,
    confirmLabel: active ? 'Reactivate' : 'Deactivate',
    danger: !active,
    onConfirm: apply,
  };
}
