'use client';

import { Alert, Modal, Stack, Text, TextInput } from '@mantine/core';
import {
  voucherCancelSchema,
  voucherEmailResultSchema,
  voucherEmailSchema,
  partyLabelOf,
  voucherSchema,
  type EmailAvailability,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '@/features/common/confirm';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';
import type { Voucher } from './invoice-document';
import { FormActions, FormAlert } from '@/features/common/form-alert';

/** Cancel with a reason, after confirmation (admins; the API refuses anyone else and that is shown). */
export function CancelVoucherDialog({
  def,
  voucher,
  onClose,
  onDone,
}: {
  def: VoucherTypeDefinition;
  voucher: Voucher;
  onClose: () => void;
  onDone: (v: Voucher) => void;
}) {
  return (
    <ConfirmDialog
      onClose={onClose}
      request={{
        title: `Cancel ${voucher.voucher_number}?`,
        message: `The voucher keeps its number and stays on record as cancelled; ${
          def.lines === 'items' ? 'its stock movements are reversed' : 'its ledger entries are reversed'
        }${def.against?.purpose === 'settlement' ? ' and the bills it settled are open again' : ''}. This cannot be undone: post a new voucher to correct it.`,
        confirmLabel: 'Cancel voucher',
        dismissLabel: 'Keep it',
        danger: true,
        reasonLabel: 'Reason for cancelling',
        reasonRequired: true,
        checkReason: (reason) => {
          const checked = validateWith(voucherCancelSchema, { reason });
          return checked.ok ? null : (checked.errors.reason ?? checked.errors.form ?? 'Give a reason');
        },
        onConfirm: async (reason) => onDone(await api.post(`/vouchers/${def.type}/${voucher.id}/cancel`, { reason }, voucherSchema)),
      }}
    />
  );
}

/**
 * Queue the voucher email (to the party, or, for admins, another address); its delivery then
 * shows on the voucher.
 */
export function EmailVoucherDialog({
  def,
  voucher,
  defaultTo,
  canChooseAddress,
  availability,
  onClose,
  onQueued,
}: {
  def: VoucherTypeDefinition;
  voucher: Voucher;
  defaultTo: string;
  /** Only admins may send it elsewhere than to the party (the API refuses anyone else). */
  canChooseAddress: boolean;
  /** Whether email can go out (null while unknown): when it cannot, the dialog says so before sending. */
  availability: EmailAvailability | null;
  onClose: () => void;
  onQueued: (to: string) => void;
}) {
  const partyNoun = partyLabelOf(def).toLowerCase();
  const [to, setTo] = useState(defaultTo);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = validateWith(voucherEmailSchema, { to });
    void run(
      async () => {
        const result = await api.post(`/vouchers/${def.type}/${voucher.id}/email`, { to: to.trim() || null }, voucherEmailResultSchema);
        onQueued(result.email_to);
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Email ${voucher.voucher_number}`}>
      <form onSubmit={send} noValidate aria-label="email voucher">
        <Stack gap="sm">
          <Text size="sm">The voucher is sent from the outbox; its delivery status shows on the voucher.</Text>
          {availability?.configured === false && (
            <Alert color="orange" title="Email is not configured" data-testid="email-dialog-not-configured">
              The email will wait in the outbox and is sent only once email is configured. {availability.configure_hint}
            </Alert>
          )}
          <FormAlert error={refusal} title="Not sent" />
          <TextInput
            label="To"
            type="email"
            placeholder={`The ${partyNoun}'s email`}
            description={canChooseAddress ? undefined : `Sent to the ${partyNoun}'s address; an admin can send it elsewhere.`}
            readOnly={!canChooseAddress}
            data-autofocus
            value={to}
            error={errors.to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              setErrors({});
            }}
          />
          <FormActions submitLabel="Send email" busy={busy} onCancel={onClose} cancelLabel="Close" />
        </Stack>
      </form>
    </Modal>
  );
}
