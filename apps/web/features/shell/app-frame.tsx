'use client';
import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Button,
  Drawer,
  Group,
  Menu,
  NavLink as MantineNavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout, IconShieldLock, IconUser } from '@tabler/icons-react';
import { ROLE_LABELS, type CurrentUser } from '@tritiq/contracts';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { navFor, type NavGroup } from '@/lib/access';
import { useSession } from '@/lib/session';
import { useVoucherTypes } from '@/lib/voucher-types';

function isActive(pathname: string, href: string): boolean {
  return pathname === href || (href !== '/' && pathname.startsWith(`${href}/`));
}

function TopNav({ groups, pathname }: { groups: NavGroup[]; pathname: string }) {
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
          <Menu key={group.label} trigger="click-hover" openDelay={50} closeDelay={150} position="bottom-start">
            <Menu.Target>
              <Button
                variant={group.links.some((l) => isActive(pathname, l.href)) ? 'light' : 'subtle'}
                size="sm"
                rightSection={<IconChevronDown size={14} />}
              >
                {group.label}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {group.links.map((link) => (
                <Menu.Item key={link.href} component={Link} href={link.href}>
                  {link.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ),
      )}
    </Group>
  );
}

function DrawerNav({ groups, pathname, onNavigate }: { groups: NavGroup[]; pathname: string; onNavigate: () => void }) {
  return (
    <Stack gap={0} component="nav" aria-label="Main">
      <MantineNavLink component={Link} href="/" label="Dashboard" active={pathname === '/'} onClick={onNavigate} />
      {groups.map((group) => (
        <Box key={group.label} mt="sm">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            {group.label}
          </Text>
          {group.links.map((link) => (
            <MantineNavLink
              key={link.href}
              component={Link}
              href={link.href}
              label={link.label}
              active={isActive(pathname, link.href)}
              onClick={onNavigate}
            />
          ))}
        </Box>
      ))}
    </Stack>
  );
}

function UserMenu({ user }: { user: CurrentUser }) {
  const { logout } = useSession();
  const initials = user.full_name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label="User menu" data-testid="user-menu">
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
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.full_name} · {ROLE_LABELS[user.role]}
        </Menu.Label>
        <Menu.Item component={Link} href="/profile" leftSection={<IconUser size={16} />}>
          Profile
        </Menu.Item>
        <Menu.Item component={Link} href="/profile/password" leftSection={<IconKey size={16} />}>
          Change password
        </Menu.Item>
        <Menu.Item component={Link} href="/profile/security" leftSection={<IconShieldLock size={16} />}>
          Two-factor sign-in
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppFrame({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const pathname = usePathname();
  const [opened, { toggle, close }] = useDisclosure(false);
  const groups = navFor(user.role, useVoucherTypes());
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Open navigation" />
            <Text component={Link} href="/" fw={800} c="indigo" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
              TRITIQ ERP
            </Text>
            <TopNav groups={groups} pathname={pathname} />
          </Group>
          <UserMenu user={user} />
        </Group>
      </AppShell.Header>
      <Drawer opened={opened} onClose={close} title="TRITIQ ERP" size="xs" hiddenFrom="md">
        <ScrollArea h="calc(100vh - 80px)">
          <DrawerNav groups={groups} pathname={pathname} onNavigate={close} />
        </ScrollArea>
      </Drawer>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
