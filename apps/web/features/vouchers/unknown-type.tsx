import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';

/** A `vouchers/[type]` route naming a type the API does not serve. */
export function UnknownType({ type }: { type: string }) {
  return (
    <Center mih="40vh">
      <Stack align="center" gap="xs">
        <Title order={2}>No such voucher type</Title>
        <Text c="dimmed">There are no &ldquo;{type}&rdquo; vouchers here.</Text>
        <Anchor component={Link} href="/">
          Go to the dashboard
        </Anchor>
      </Stack>
    </Center>
  );
}
