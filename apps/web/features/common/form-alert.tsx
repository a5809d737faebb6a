'use client';
import { Alert } from '@mantine/core';

/** The API's refusal of a form, above its fields (the per-field messages sit next to the fields). */
export function FormAlert({ error, title }: { error: string | null; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {error}
    </Alert>
  );
}
