'use client';
import { Alert, Button, Group } from '@mantine/core';

/** The API's refusal of a form, above its fields (the per-field messages sit next to the fields). */
export function FormAlert({ error, title, testId = 'form-refusal' }: { error: string | null; title?: string; testId?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title} data-testid={testId}>
      {error}
    </Alert>
  );
}

/** A dialog form's buttons: close without saving, and submit (busy while the API answers). */
export function FormActions({
  submitLabel,
  busy,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  cancelLabel?: string;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </Group>
  );
}
