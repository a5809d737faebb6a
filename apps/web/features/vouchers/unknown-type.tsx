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

/**
 * `vouchers/[type]/new` for a type without item lines (receipt, payment, contra, journal): the
 * generic form enters item lines only, so it is not offered; those types have their own entry
 * screens (BOOKS.md, issue 15 item 8). Their registers and views still work here.
 */
export function NoGenericForm({ label, pluralLabel, type }: { label: string; pluralLabel: string; type: string }) {
  return (
    <Center mih="40vh">
      <Stack align="center" gap="xs">
        <Title order={2}>{label}</Title>
        <Text c="dimmed">{pluralLabel} are not entered on the invoice form.</Text>
        <Anchor component={Link} href={`/vouchers/${type}`}>
          Back to {pluralLabel.toLowerCase()}
        </Anchor>
      </Stack>
    </Center>
  );
}
