'use client';

import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { Suspense } from 'react';
import { LoadingState } from '@/features/shell/states';
import { useVoucherType } from '@/lib/voucher-types';
import { VoucherForm } from './voucher-form';
import { VoucherListPage } from './voucher-list';
import { VoucherView } from './voucher-view';

/**
 * Route entry points: one generic set of components, parameterised by the voucher type the route
 * names, as the API defines it (`GET /api/v1/voucher-types`).
 */

function UnknownType({ type }: { type: string }) {
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

export function VoucherListRoute({ type }: { type: string }) {
  const def = useVoucherType(type);
  return def ? <VoucherListPage key={def.type} def={def} /> : <UnknownType type={type} />;
}

export function VoucherCreateRoute({ type }: { type: string }) {
  const def = useVoucherType(type);
  return def ? <VoucherForm key={def.type} def={def} /> : <UnknownType type={type} />;
}

export function VoucherViewRoute({ type, id }: { type: string; id: string }) {
  const def = useVoucherType(type);
  if (!def) return <UnknownType type={type} />;
  return (
    <Suspense fallback={<LoadingState />}>
      <VoucherView def={def} id={id} />
    </Suspense>
  );
}
