'use client';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { apiFieldErrors, refusalMessage, type FieldErrors } from './form-errors';

/**
 * The one submit step of every form: `busy` while the API call runs; when the API refuses, its
 * per-field messages go next to the fields (`showFieldErrors`) and its `detail` into `error`, for
 * an alert above the fields. `run(action, invalid)` refuses before calling the API when the
 * form's own check (the API's schema, run in the browser) named fields; `mapErrors` re-keys the
 * API's field names to the form's (e.g. the lines sent back to the rows on screen).
 */
export function useSubmit(showFieldErrors: (errors: FieldErrors) => void, shownBesideField?: (field: string) => boolean) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (
    action: () => Promise<void>,
    invalid?: { errors: FieldErrors; message?: string } | null,
    mapErrors: (errors: FieldErrors) => FieldErrors = (errors) => errors,
  ) => {
    setError(null);
    if (invalid) {
      showFieldErrors(mapErrors(invalid.errors));
      setError(invalid.message ?? null);
      return;
    }
    setBusy(true);
    try {
      await action();
    } catch (err) {
      showFieldErrors(mapErrors(apiFieldErrors(err)));
      setError(refusalMessage(err, shownBesideField));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

/** `useSubmit` for a Mantine form: the form validates first, then `action` gets its values. */
export function useFormSubmit<Values>(form: UseFormReturnType<Values>, action: (values: Values) => Promise<void>) {
  // A refusal of one of the form's own fields is shown beside it, not again in the alert.
  const { run, busy, error } = useSubmit(form.setErrors, (field) => field.split('.')[0]! in (form.getValues() as object));
  const submit = form.onSubmit((values) => run(() => action(values)));
  return { submit, busy, error };
}
