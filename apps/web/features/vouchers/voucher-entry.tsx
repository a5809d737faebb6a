'use client';

import { Badge, Group, Stack, Title } from '@mantine/core';
import { voucherSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { ReactNode } from 'react';
import type { IdempotencyKeys } from '@/lib/idempotency';
import { apiRequest } from '@/lib/api-client';

/**
 * A new voucher's form: its title and the next number, and the keys every entry form keeps:
 * Enter never posts by accident (in a field it does nothing here; forms give it their own
 * meaning), Ctrl+Enter (⌘+Enter) saves from any field.
 */
export function VoucherEntryForm(props: {
  def: Pick<VoucherTypeDefinition, 'label'>;
  nextNumber: string | null | undefined;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { def, nextNumber, onSubmit, children } = props;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          onSubmit();
          return;
        }
        if ((e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
      }}
      noValidate
      aria-label={`New ${def.label.toLowerCase()}`}
    >
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2}>New {def.label.toLowerCase()}</Title>
          {nextNumber && (
            <Badge variant="light" size="lg" title="The number is given when the voucher is saved">
              Next number: {nextNumber}
            </Badge>
          )}
        </Group>
        {children}
      </Stack>
    </form>
  );
}

/** Posts a new voucher with the form's idempotency key for this body (a retry of the same body is the same voucher). */
export function postNewVoucher(type: string, body: unknown, keys: IdempotencyKeys) {
  return apiRequest(`/vouchers/${type}`, {
    method: 'POST',
    body,
    schema: voucherSchema,
    headers: { 'idempotency-key': keys.keyFor(body) },
  });
}
