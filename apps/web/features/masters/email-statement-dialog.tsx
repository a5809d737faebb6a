'use client';

import { Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { partyStatementEmailSchema, queuedEmailSchema } from '@tritiq/contracts';
import { useState } from 'react';
import { validateWith, type FieldErrors } from '@/features/common/form-errors';
import { FormActions, FormAlert } from '@/features/common/form-alert';
import { useSubmit } from '@/features/common/use-form-submit';
import { api } from '@/lib/api-client';

/**
 * Email the party its statement of account for a period (the API attaches the PDF when the
 * outbox sends it). Dates left empty: this financial year up to today. Only admins may send it
 * elsewhere than to the party's address (the API refuses anyone else).
 */
export function EmailStatementDialog({
  partyId,
  partyName,
  partyEmail,
  canChooseAddress,
  onClose,
  onQueued,
}: {
  partyId: string;
  partyName: string;
  partyEmail: string | null;
  canChooseAddress: boolean;
  onClose: () => void;
  onQueued: (to: string) => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [emailTo, setEmailTo] = useState(partyEmail ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, busy, error: refusal } = useSubmit(setErrors);
  const body = () => ({
    from: from || undefined,
    to: to || undefined,
    email_to: canChooseAddress && emailTo.trim() && emailTo.trim() !== partyEmail ? emailTo.trim() : undefined,
  });
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = validateWith(partyStatementEmailSchema, body());
    void run(
      async () => {
        const result = await api.post(`/parties/${partyId}/statement/email`, body(), queuedEmailSchema);
        onQueued(result.email_to);
      },
      checked.ok ? null : { errors: checked.errors },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Email statement to ${partyName}`}>
      <form onSubmit={send} noValidate aria-label="email statement">
        <Stack gap="sm">
          <Text size="sm">
            The statement of account (opening balance, entries, closing balance, open bills and their ageing) goes as a PDF from the outbox.
            Leave the dates empty for this financial year up to today.
          </Text>
          <FormAlert error={refusal} title="Not sent" />
          <Group grow>
            <TextInput label="From" type="date" value={from} error={errors.from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label="To" type="date" value={to} error={errors.to} onChange={(e) => setTo(e.currentTarget.value)} />
          </Group>
          <TextInput
            label="Send to"
            type="email"
            placeholder="The party's email"
            description={canChooseAddress ? undefined : "Sent to the party's address; an admin can send it elsewhere."}
            readOnly={!canChooseAddress}
            value={emailTo}
            error={errors.email_to}
            onChange={(e) => {
              setEmailTo(e.currentTarget.value);
              setErrors({});
            }}
          />
          <FormActions submitLabel="Send statement" busy={busy} onCancel={onClose} cancelLabel="Close" />
        </Stack>
      </form>
    </Modal>
  );
}
