'use client';
import { Avatar, Box, Burger, Button, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconChevronDown from '@tabler/icons-react/icons/IconChevronDown';
import IconKey from '@tabler/icons-react/icons/IconKey';
import IconLogout from '@tabler/icons-react/icons/IconLogout';
import IconShieldLock from '@tabler/icons-react/icons/IconShieldLock';
import IconUser from '@tabler/icons-react/icons/IconUser';
import { ROLE_LABELS, type CurrentUser } from '@tritiq/contracts';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { isActive, navFor, type NavGroup } from '@/lib/access';
import { onFirstRender } from '@/lib/on-first-render';
import { voucherShortcuts, type VoucherShortcut } from '@/lib/shortcuts';
import { MenuButton, type MenuEntry } from '@/features/common/menu-button';
import { KeyboardShortcuts } from './keyboard-shortcuts';
import classes from './app-frame.module.css';
import { useSession } from '@/lib/session';
import { useVoucherTypes } from '@/lib/voucher-types';

/** A group's menu: opens on click or hover, and closes once a link in it is followed (the path changes). */
function NavMenu({ group, pathname, shortcuts }: { group: NavGroup; pathname: string; shortcuts: VoucherShortcut[] }) {
  const newOf = (href: string) => shortcuts.find((s) => href === `/vouchers/${s.type}`);
  const entries: MenuEntry[] = group.links.flatMap((link): MenuEntry[] => {
    const shortcut = newOf(link.href);
    const own: MenuEntry = { kind: 'link', key: link.href, href: link.href, label: link.label };
    if (!shortcut) return [own];
    return [
      own,
      {
        kind: 'link',
        key: shortcut.href,
        href: shortcut.href,
        label: shortcut.label,
        right: <Kbd size="xs">{shortcut.key.toUpperCase()}</Kbd>,
      },
    ];
  });
  return (
    <MenuButton
      hover
      closeOn={pathname}
      entries={entries}
      trigger={(props) => (
        <Button
          {...props}
          variant={group.links.some((l) => isActive(pathname, l.href)) ? 'light' : 'subtle'}
          size="sm"
          rightSection={<IconChevronDown size={14} />}
        >
          {group.label}
        </Button>
      )}
    />
  );
}

function TopNav({ groups, pathname, shortcuts }: { groups: NavGroup[]; pathname: string; shortcuts: VoucherShortcut[] }) {
  return (
    <Group gap={4} visibleFrom="md" component="nav" aria-label="Main">
      <Button component={Link} href="/" variant={pathname === '/' ? 'light' : 'subtle'} size="sm">
        Dashboard
      </Button>
      {groups.map((group) =>
        group.label === 'Console' ? (
          group.links.map((link) => (
            <Button
              key={link.href}
              component={Link}
              href={link.href}
              variant={isActive(pathname, link.href) ? 'light' : 'subtle'}
              size="sm"
            >
              {link.label}
            </Button>
          ))
        ) : (
          <NavMenu key={group.label} group={group} pathname={pathname} shortcuts={shortcuts} />
        ),
      )}
    </Group>
  );
}

function UserMenu({ user }: { user: CurrentUser }) {
  const { logout } = useSession();
  const pathname = usePathname();
  const initials = user.full_name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const entries: MenuEntry[] = [
    { kind: 'heading', key: 'who', label: `${user.full_name} · ${ROLE_LABELS[user.role]}` },
    { kind: 'link', key: 'profile', href: '/profile', label: 'Profile', left: <IconUser size={16} /> },
    { kind: 'link', key: 'password', href: '/profile/password', label: 'Change password', left: <IconKey size={16} /> },
    { kind: 'link', key: 'security', href: '/profile/security', label: 'Two-factor sign-in', left: <IconShieldLock size={16} /> },
    { kind: 'divider', key: 'divider' },
    { kind: 'action', key: 'logout', label: 'Log out', left: <IconLogout size={16} />, danger: true, onSelect: () => void logout() },
  ];
  return (
    <MenuButton
      align="end"
      width={240}
      closeOn={pathname}
      entries={entries}
      trigger={(props) => (
        <UnstyledButton {...props} aria-label="User menu" data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="indigo">
              {initials}
            </Avatar>
            <Box visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.1}>
                {user.full_name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {ROLE_LABELS[user.role]}
                {user.organization_name ? ` · ${user.organization_name}` : ''}
              </Text>
            </Box>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      )}
    />
  );
}

/** The narrow-screen navigation, loaded the first time the burger opens it. */
const NavDrawer = onFirstRender(() => import('./nav-drawer').then((m) => m.NavDrawer));

/**
 * Each page starts with the keyboard in its form's first field (a page's form may render after
 * its data loads, so this looks for a while), unless the user has already focused something.
 */
function useFocusFirstField(pathname: string) {
  useEffect(() => {
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      const active = document.activeElement;
      const settled = active && active !== document.body && active.closest('main, [role="dialog"]');
      const field = document.querySelector<HTMLElement>(
        'main form :is(input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea, select):not([disabled]):not([readonly])',
      );
      if (settled || field || tries > 40) clearInterval(timer);
      if (!settled && field) field.focus();
    }, 100);
    return () => clearInterval(timer);
  }, [pathname]);
}

export function AppFrame({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const pathname = usePathname();
  const [opened, { toggle, close }] = useDisclosure(false);
  const types = useVoucherTypes();
  const groups = navFor(user.role, types);
  const shortcuts = voucherShortcuts(user.role, types);
  useFocusFirstField(pathname);
  const [drawerUsed, setDrawerUsed] = useState(false);
  return (
    <>
      <Box component="header" className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={() => {
                setDrawerUsed(true);
                toggle();
              }}
              hiddenFrom="md"
              size="sm"
              aria-label="Open navigation"
            />
            <Text component={Link} href="/" fw={800} c="indigo" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
              TRITIQ ERP
            </Text>
            <TopNav groups={groups} pathname={pathname} shortcuts={shortcuts} />
          </Group>
          <UserMenu user={user} />
        </Group>
      </Box>
      {drawerUsed && <NavDrawer opened={opened} onClose={close} groups={groups} pathname={pathname} />}
      <Box component="main" className={classes.main}>
        {children}
      </Box>
      <KeyboardShortcuts user={user} groups={groups} />
    </>
  );
}
