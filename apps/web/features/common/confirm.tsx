'use client';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/api-client';
import { useLingering } from './use-lingering';

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** The button that closes the dialog doing nothing ("Cancel"; "Keep it" where the action is itself a cancel). */
  dismissLabel?: string;
  /** Ask for a reason (e.g. suspension, cancellation); passed to onConfirm. */
  reasonLabel?: string;
  reasonRequired?: boolean;
  /** The reason's own check (the API's schema): a message next to the reason stops the action. */
  checkReason?: (reason: string) => string | null;
  /** Throws to keep the dialog open with the server's answer (`detail`) shown. */
  onConfirm: (reason: string) => Promise<void>;
}

/** The one confirmation step before anything destructive; the API's refusal is shown inside the dialog. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const shown = useLingering(request);
  const close = () => {
    setError(null);
    setReason('');
    setReasonError(null);
    onClose();
  };
  const confirm = (current: ConfirmRequest) => {
    setError(null);
    const invalid = current.checkReason?.(reason) ?? null;
    if (invalid) {
      setReasonError(invalid);
      return;
    }
    setBusy(true);
    current
      .onConfirm(reason.trim())
      .then(close)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened={request !== null} onClose={close} title={shown?.title} centered>
      {shown && (
        <Stack gap="md">
          <Text size="sm">{shown.message}</Text>
          {shown.reasonLabel && (
            <Textarea
              label={shown.reasonLabel}
              required={shown.reasonRequired}
              value={reason}
              error={reasonError}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(null);
              }}
              autosize
              minRows={2}
              data-autofocus
            />
          )}
          {error && (
            <Alert color="red" title="Refused" role="alert" data-testid="confirm-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {shown.dismissLabel ?? 'Cancel'}
            </Button>
            <Button
              color={shown.danger ? 'red' : undefined}
              loading={busy}
              data-autofocus={shown.reasonLabel ? undefined : true}
              onClick={() => confirm(shown)}
            >
              {shown.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
