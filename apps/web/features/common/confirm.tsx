'use client';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/api-client';
import { useLingering } from './use-lingering';

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Ask for a reason (e.g. suspension); passed to onConfirm. */
  reasonLabel?: string;
  onConfirm: (reason: string) => Promise<void>;
}

/** A confirmation step before anything destructive; shows the API's refusal inside the dialog. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const shown = useLingering(request);
  const close = () => {
    setError(null);
    setReason('');
    onClose();
  };
  return (
    <Modal opened={request !== null} onClose={close} title={shown?.title} centered>
      {shown && (
        <Stack gap="md">
          <Text size="sm">{shown.message}</Text>
          {shown.reasonLabel && (
            <Textarea label={shown.reasonLabel} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
          )}
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button
              color={shown.danger ? 'red' : undefined}
              loading={busy}
              data-autofocus
              onClick={() => {
                setBusy(true);
                setError(null);
                shown
                  .onConfirm(reason.trim())
                  .then(close)
                  .catch((err: unknown) => setError(errorMessage(err)))
                  .finally(() => setBusy(false));
              }}
            >
              {shown.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
