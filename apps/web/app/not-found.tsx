'use client';
import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';

export default function NotFound() {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="xs">
        <Title order={2}>Page not found</Title>
        <Text c="dimmed">There is no page at this address.</Text>
        <Anchor component={Link} href="/">
          Go to the dashboard
        </Anchor>
      </Stack>
    </Center>
  );
}
