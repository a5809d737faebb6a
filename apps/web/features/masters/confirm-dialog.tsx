'use client';

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from './api';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  onCancel: () => void;
  /** Throws to keep the dialog open with the server's answer shown. */
  onConfirm: () => Promise<void>;
  children?: ReactNode;
  confirmDisabled?: boolean;
}

/** Confirmation before a destructive action; the API's refusal (`detail`) is shown in place. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    props.onCancel();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} centered>
      <Stack gap="md">
        <Text size="sm">{props.message}</Text>
        {props.children}
        {error && (
          <Alert color="red" title="Refused" role="alert" data-testid="confirm-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            Keep it
          </Button>
          <Button color={props.color ?? 'red'} onClick={() => void confirm()} loading={busy} disabled={props.confirmDisabled}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
