'use client';

import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  voucherCancelSchema,
  voucherEmailResultSchema,
  voucherEmailSchema,
  partyLabelOf,
  voucherSchema,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { useState } from 'react';
import { ApiError, apiSend, errorMessage } from '../masters/api';
import { ConfirmDialog } from '../masters/confirm-dialog';
import { apiFieldErrors, validateWith, type FieldErrors } from '../masters/form-errors';
import type { Voucher } from './invoice-document';

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
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ConfirmDialog
      opened
      title={`Cancel ${voucher.voucher_number}?`}
      message={`The voucher keeps its number and stays on record as cancelled; its stock movements are reversed. This cannot be undone: post a new voucher to correct it.`}
      confirmLabel="Cancel voucher"
      onCancel={onClose}
      onConfirm={async () => {
        const checked = validateWith(voucherCancelSchema, { reason });
        if (!checked.ok) {
          setError(checked.errors.reason);
          throw new Error('Give a reason of at least 3 characters.');
        }
        onDone(await apiSend('POST', `/vouchers/${def.type}/${voucher.id}/cancel`, voucherSchema, { reason }));
      }}
    >
      <Textarea
        label="Reason for cancelling"
        required
        autosize
        minRows={2}
        data-autofocus
        value={reason}
        error={error}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setError(undefined);
        }}
      />
    </ConfirmDialog>
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
  onClose,
  onQueued,
}: {
  def: VoucherTypeDefinition;
  voucher: Voucher;
  defaultTo: string;
  /** Only admins may send it elsewhere than to the party (the API refuses anyone else). */
  canChooseAddress: boolean;
  onClose: () => void;
  onQueued: (to: string) => void;
}) {
  const partyNoun = partyLabelOf(def).toLowerCase();
  const [to, setTo] = useState(defaultTo);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    const checked = validateWith(voucherEmailSchema, { to });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const result = await apiSend('POST', `/vouchers/${def.type}/${voucher.id}/email`, voucherEmailResultSchema, {
        to: to.trim() || null,
      });
      onQueued(result.email_to);
    } catch (err) {
      if (err instanceof ApiError) setErrors(apiFieldErrors(err.fieldErrors));
      setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Email ${voucher.voucher_number}`}>
      <form onSubmit={(e) => void send(e)} noValidate aria-label="email voucher">
        <Stack gap="sm">
          <Text size="sm">The voucher is sent from the outbox; its delivery status shows on the voucher.</Text>
          {refusal && (
            <Alert color="red" title="Not sent" role="alert">
              {refusal}
            </Alert>
          )}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={busy}>
              Send email
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
