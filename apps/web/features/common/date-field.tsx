'use client';

import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { parseOrgDate, type DateFormat } from '@/lib/dates';

export interface DateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  format: DateFormat;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  autoFocus?: boolean;
  w?: number;
}

/**
 * A date typed or picked in the organisation's format (DD/MM/YYYY unless its preferences say
 * otherwise, whatever the browser's locale); the value stays YYYY-MM-DD as the API wants. The
 * calendar closes once a whole date is typed (or on Enter), so it does not cover the next field.
 */
export function DateField({ label, value, onChange, format, error, required, clearable, autoFocus, w }: DateFieldProps) {
  const [typedShut, setTypedShut] = useState(false);
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat={format}
      dateParser={(text) => parseOrgDate(text, format)}
      placeholder={format}
      error={error}
      required={required}
      clearable={clearable}
      autoFocus={autoFocus}
      w={w}
      onInput={(e) => setTypedShut(parseOrgDate(e.currentTarget.value, format) !== null && /\d{4}/.test(e.currentTarget.value))}
      onFocus={() => setTypedShut(false)}
      onClick={() => setTypedShut(false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setTypedShut(true);
      }}
      popoverProps={{ withinPortal: true, ...(typedShut ? { opened: false } : {}) }}
    />
  );
}
