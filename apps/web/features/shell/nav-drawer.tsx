'use client';
import { Box, Drawer, NavLink as MantineNavLink, ScrollArea, Stack, Text } from '@mantine/core';
import Link from 'next/link';
import { isActive, type NavGroup } from '@/lib/access';

/** The navigation in a drawer, for screens too narrow for the top bar's menus. */
export function NavDrawer({
  opened,
  onClose,
  groups,
  pathname,
}: {
  opened: boolean;
  onClose: () => void;
  groups: NavGroup[];
  pathname: string;
}) {
  return (
    <Drawer opened={opened} onClose={onClose} title="TRITIQ ERP" size="xs" hiddenFrom="md">
      <ScrollArea h="calc(100vh - 80px)">
        <Stack gap={0} component="nav" aria-label="Main">
          <MantineNavLink component={Link} href="/" label="Dashboard" active={pathname === '/'} onClick={onClose} />
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
                  onClick={onClose}
                />
              ))}
            </Box>
          ))}
        </Stack>
      </ScrollArea>
    </Drawer>
  );
}
