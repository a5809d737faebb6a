import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="md">
        <Stack gap={0} align="center">
          <Title order={1} c="indigo" size="h2">
            TRITIQ ERP
          </Title>
          <Text c="dimmed" size="sm">
            Accounts, stock and GST vouchers
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
