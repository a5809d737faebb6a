'use client';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { apiFieldErrors } from './form-errors';

/**
 * A form's submit handler around an API call: `busy` while it runs; when the API refuses, its
 * per-field messages go next to the fields and its `detail` into `error` (for an alert above).
 */
export function useFormSubmit<Values>(form: UseFormReturnType<Values>, action: (values: Values) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      await action(values);
    } catch (err) {
      form.setErrors(apiFieldErrors(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  });
  return { submit, busy, error };
}
