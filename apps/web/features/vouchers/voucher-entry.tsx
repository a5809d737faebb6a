'use client';

import { Badge, Button, Group, Stack, Title } from '@mantine/core';
import { voucherSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import type { ReactNode, Ref } from 'react';
import type { IdempotencyKeys } from '@/lib/idempotency';
import { apiRequest } from '@/lib/api-client';
import { FormAlert } from '@/features/common/form-alert';
import { voucherPaths } from './paths';

/**
 * A new voucher's form: its title and the next number, and the keys every entry form keeps:
 * Enter never posts by accident (in a field it does nothing here; forms give it their own
 * meaning), Ctrl+Enter (⌘+Enter) saves from any field.
 */
export function VoucherEntryForm(props: {
  def: Pick<VoucherTypeDefinition, 'label'>;
  nextNumber: string | null | undefined;
  onSubmit: () => void;
  /** The form element, for a form that moves focus to its first field in error. */
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}) {
  const { def, nextNumber, onSubmit, formRef, children } = props;
  return (
    <form
      ref={formRef}
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

/**
 * Posts a new voucher, then opens it ("Saved as …"); `saved` runs first (the form stops asking
 * before leaving, drops its draft).
 */
export async function postAndOpen(
  router: { push: (href: string) => void },
  type: string,
  body: unknown,
  keys: IdempotencyKeys,
  saved: () => void,
): Promise<void> {
  const voucher = await postNewVoucher(type, body, keys);
  saved();
  router.push(`${voucherPaths.view(type, voucher.id)}?created=1`);
}

/**
 * The end of every entry form: why the API refused the voucher, then (after `extra`) Discard, back
 * to the register once `onDiscard` has run, where the form has it, and Save (Ctrl+Enter too).
 */
export function VoucherEntryFooter({
  def,
  refusal,
  busy,
  saveDisabled,
  onDiscard,
  extra,
}: {
  def: Pick<VoucherTypeDefinition, 'type' | 'label'>;
  refusal: string | null;
  busy: boolean;
  saveDisabled?: boolean;
  onDiscard?: () => void;
  extra?: ReactNode;
}) {
  const router = useRouter();
  return (
    <>
      <FormAlert error={refusal} title="Not saved" testId="voucher-refusal" />
      <Group justify="flex-end">
        {extra}
        {onDiscard && (
          <Button
            variant="default"
            onClick={() => {
              onDiscard();
              router.push(voucherPaths.list(def.type));
            }}
          >
            Discard
          </Button>
        )}
        <Button type="submit" loading={busy} disabled={saveDisabled} title="Ctrl+Enter">
          Save {def.label.toLowerCase()}
        </Button>
      </Group>
    </>
  );
}
